package dev.hearth.workflow.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether an {@link Event} starts a workflow with the given {@code on:} triggers, following
 * GitHub's documented rules. Patterns are compiled once, when the matcher is made; a matcher is
 * immutable and safe to share.
 *
 * <ul>
 *   <li>Event names match exactly; {@code types} filter the activity type of every event that has
 *       them, and {@code pull_request} / {@code pull_request_target} default to {@code opened},
 *       {@code synchronize}, {@code reopened}.</li>
 *   <li>{@code push}: branch filters apply to {@code refs/heads/} refs, tag filters to
 *       {@code refs/tags/}; with only branch filters a tag push does not run and vice versa; with
 *       neither, both run. Paths filters must hold too, but are not evaluated for tag pushes.</li>
 *   <li>{@code pull_request*}: branch filters apply to the base branch; {@code merge_group} likewise.</li>
 *   <li>{@code workflow_run}: {@code workflows} names the triggering workflow, branch filters its head
 *       branch.</li>
 *   <li>{@code schedule}: the event's cron line must be one of the workflow's.</li>
 * </ul>
 *
 * Data the event lacks (no ref, no activity type, unknown changed files) does not block; the
 * result lists what went unchecked.
 */
public final class TriggerMatcher {

    private static final List<String> DEFAULT_PULL_REQUEST_TYPES = List.of("opened", "synchronize", "reopened");
    private static final Set<String> PULL_REQUEST_EVENTS = Set.of("pull_request", "pull_request_target");

    private final List<Compiled> triggers;

    /**
     * Compiles the triggers' patterns.
     *
     * @throws IllegalArgumentException when a pattern is malformed
     */
    public TriggerMatcher(List<EventTrigger> triggers) {
        List<Compiled> compiled = new ArrayList<>(triggers.size());
        for (EventTrigger t : triggers) {
            compiled.add(new Compiled(t, compile(t.branches()), compile(t.tags()), compile(t.paths())));
        }
        this.triggers = List.copyOf(compiled);
    }

    /** One-off convenience: compiles (with the shared pattern cache) and matches. */
    public static TriggerResult match(List<EventTrigger> triggers, Event event) {
        return new TriggerMatcher(triggers).match(event);
    }

    /** The default activity types of an event when {@code types} is not given; empty means all. */
    public static List<String> defaultTypes(String event) {
        return PULL_REQUEST_EVENTS.contains(event) ? DEFAULT_PULL_REQUEST_TYPES : List.of();
    }

    /** Whether the event starts the workflow, and why not when it does not. */
    public TriggerResult match(Event event) {
        TriggerResult refusal = null;
        for (Compiled c : triggers) {
            if (!c.trigger.event().equals(event.name())) {
                continue;
            }
            TriggerResult r = c.match(event);
            if (r.triggered()) {
                return r;
            }
            if (refusal == null) {
                refusal = r;
            }
        }
        if (refusal != null) {
            return refusal;
        }
        List<String> names = new ArrayList<>(triggers.size());
        for (Compiled c : triggers) {
            names.add(c.trigger.event());
        }
        return new TriggerResult(false, null,
                "the workflow does not run on '" + event.name() + "' (it runs on " + String.join(", ", names) + ")",
                List.of());
    }

    private static Filter compile(PatternFilter f) {
        return f == null ? null : new Filter(PatternList.cached(f.patterns()), f.ignore());
    }

    /** A compiled branches/tags/paths filter or its -ignore form. */
    private record Filter(PatternList list, boolean ignore) {
        boolean accepts(String value) {
            return list.matches(value) != ignore;
        }

        String describe(String what) {
            return what + (ignore ? "-ignore " : " ") + list;
        }
    }

    private record Compiled(EventTrigger trigger, Filter branches, Filter tags, Filter paths) {

        TriggerResult match(Event e) {
            List<String> unchecked = new ArrayList<>(2);
            String refusal = types(e, unchecked);
            if (refusal == null) {
                refusal = switch (e.name()) {
                    case "push" -> push(e, unchecked);
                    case "pull_request", "pull_request_target", "pull_request_review",
                         "pull_request_review_comment" -> {
                        String r = branch(e.baseRef(), "base branch", unchecked);
                        yield r != null ? r : paths(e, unchecked);
                    }
                    case "merge_group" -> branch(e.baseRef(), "base branch", unchecked);
                    case "workflow_run" -> {
                        String r = workflows(e, unchecked);
                        yield r != null ? r : branch(e.headBranch(), "head branch", unchecked);
                    }
                    case "schedule" -> schedule(e, unchecked);
                    default -> null;
                };
            }
            return new TriggerResult(refusal == null, trigger, refusal, unchecked);
        }

        private String types(Event e, List<String> unchecked) {
            List<String> types = trigger.types().isEmpty() ? defaultTypes(e.name()) : trigger.types();
            if (types.isEmpty()) {
                return null;
            }
            if (e.action() == null) {
                unchecked.add("activity types " + types + " (the event has no activity type)");
                return null;
            }
            if (types.contains(e.action())) {
                return null;
            }
            return "activity type '" + e.action() + "' is not one of " + types
                    + (trigger.types().isEmpty() ? " (the default for " + e.name() + ")" : "");
        }

        private String push(Event e, List<String> unchecked) {
            String ref = e.ref();
            if (ref == null) {
                if (branches != null || tags != null) {
                    unchecked.add("branch and tag filters (the event has no ref)");
                }
                return paths(e, unchecked);
            }
            if (ref.startsWith("refs/tags/")) {
                String tag = ref.substring("refs/tags/".length());
                if (tags != null) {
                    return tags.accepts(tag) ? null : "tag '" + tag + "' does not pass " + tags.describe("tags");
                }
                if (branches != null) {
                    return "a tag push ('" + tag + "'), but the workflow filters only branches";
                }
                return null; // paths filters are not evaluated for tag pushes
            }
            if (ref.startsWith("refs/heads/")) {
                String branch = ref.substring("refs/heads/".length());
                if (branches != null) {
                    if (!branches.accepts(branch)) {
                        return "branch '" + branch + "' does not pass " + branches.describe("branches");
                    }
                } else if (tags != null) {
                    return "a branch push ('" + branch + "'), but the workflow filters only tags";
                }
                return paths(e, unchecked);
            }
            if (branches != null || tags != null) {
                return "ref '" + ref + "' is neither a branch nor a tag";
            }
            return paths(e, unchecked);
        }

        private String branch(String name, String what, List<String> unchecked) {
            if (branches == null) {
                return null;
            }
            if (name == null) {
                unchecked.add(branches.describe("branches") + " (the event has no " + what + ")");
                return null;
            }
            return branches.accepts(name) ? null
                    : what + " '" + name + "' does not pass " + branches.describe("branches");
        }

        private String paths(Event e, List<String> unchecked) {
            if (paths == null) {
                return null;
            }
            List<String> changed = e.changedPaths();
            if (changed == null) {
                unchecked.add(paths.describe("paths") + " (the changed files are unknown)");
                return null;
            }
            for (String path : changed) {
                if (paths.accepts(path)) {
                    return null;
                }
            }
            if (changed.isEmpty()) {
                return "no files changed, so none passes " + paths.describe("paths");
            }
            return paths.ignore()
                    ? "every changed file is ignored by " + paths.describe("paths")
                    : "no changed file matches " + paths.describe("paths");
        }

        private String workflows(Event e, List<String> unchecked) {
            List<String> names = trigger.workflows();
            if (names.isEmpty()) {
                return null;
            }
            if (e.workflow() == null) {
                unchecked.add("workflows " + names + " (the event names no workflow)");
                return null;
            }
            return names.contains(e.workflow()) ? null
                    : "workflow '" + e.workflow() + "' is not one of " + names;
        }

        private String schedule(Event e, List<String> unchecked) {
            List<String> crons = trigger.crons();
            if (crons.isEmpty() || e.schedule() == null) {
                return null;
            }
            return crons.contains(e.schedule()) ? null
                    : "schedule '" + e.schedule() + "' is not one of " + crons;
        }
    }
}
