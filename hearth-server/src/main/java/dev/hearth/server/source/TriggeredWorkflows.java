package dev.hearth.server.source;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.EventTrigger;
import dev.hearth.workflow.trigger.PatternFilter;
import dev.hearth.workflow.trigger.TriggerMatcher;
import dev.hearth.workflow.trigger.TriggerResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * From a delivery (event name and body) to the workflows it triggers: reads the payload, fetches the
 * commits it needs into the cache, reads {@code .github/workflows} at the commit to run, computes the changed
 * files and applies each workflow's triggers with {@link TriggerMatcher}.
 *
 * <p>For a pull request the workflows are read from and run on GitHub's test merge commit
 * ({@code refs/pull/N/merge}); when it cannot be fetched, or is stale (it does not merge the payload's head),
 * on the head commit, with a note. A workflow_dispatch concerns only the workflow file it names.
 */
public final class TriggeredWorkflows {

    private final RepositoryCache cache;
    private final ReadOptions options;

    /**
     * @param options how workflows are read (remote calls, permissions); local calls always come from the commit
     */
    public TriggeredWorkflows(RepositoryCache cache, ReadOptions options) {
        this.cache = cache;
        this.options = options;
    }

    /**
     * @throws BadPayloadException when the body lacks what is needed
     * @throws IOException         when the repository or a commit it needs cannot be fetched
     */
    public Triggered evaluate(String eventName, byte[] body) throws IOException {
        return evaluate(EventFacts.parse(eventName, body));
    }

    public Triggered evaluate(EventFacts facts) throws IOException {
        if (facts.deleted()) {
            return new Triggered(facts, null, List.of(), List.of());
        }
        return switch (facts.event()) {
            case "push" -> push(facts);
            case "pull_request" -> pullRequest(facts);
            default -> dispatch(facts);
        };
    }

    private Triggered push(EventFacts facts) throws IOException {
        Want after = Want.commit(facts.sha(), facts.ref());
        Want before = facts.before() == null ? null : Want.optional(facts.before(), null);
        List<Want> wants = before == null ? List.of(after) : List.of(after, before);
        FetchedCommits fetched = cache.fetch(facts.repository(), facts.cloneUrl(), wants);
        ObjectId head = fetched.commit(after).orElseThrow();
        try (Repository repo = RepositoryCache.open(fetched.gitDir())) {
            List<String> changed = ChangedFiles.ofPush(repo, before == null ? null : fetched.commit(before).orElse(null),
                    head, facts.pushedCommits());
            Event event = Event.fromPayload("push", facts.payload());
            if (changed != null) {
                event = event.withChangedPaths(changed);
            } // else: the payload's own list, or unknown, which does not block
            return match(facts, repo, new CommitToRun(head.name(), facts.ref(), null), event, null);
        }
    }

    private Triggered pullRequest(EventFacts facts) throws IOException {
        PullRequestFacts pr = facts.pullRequest();
        Want head = Want.commit(pr.headSha(), pr.headPullRef());
        Want base = Want.optional(pr.baseSha(), "refs/heads/" + pr.baseRef());
        Want merge = pr.mergeSha() != null ? Want.optional(pr.mergeSha(), pr.mergeRef())
                : new Want(null, pr.mergeRef(), false);
        FetchedCommits fetched = cache.fetch(facts.repository(), facts.cloneUrl(), List.of(head, base, merge));
        ObjectId headId = fetched.commit(head).orElseThrow();
        try (Repository repo = RepositoryCache.open(fetched.gitDir())) {
            CommitToRun commit = mergeCommit(repo, fetched.commit(merge).orElse(null), headId)
                    ? new CommitToRun(fetched.commit(merge).orElseThrow().name(), pr.mergeRef(), null)
                    : new CommitToRun(headId.name(), pr.headPullRef(),
                            "the merge commit " + pr.mergeRef() + " could not be fetched or does not merge head "
                                    + headId.name() + "; running the head commit instead");
            List<String> changed = fetched.commit(base).isPresent()
                    ? ChangedFiles.ofPullRequest(repo, fetched.commit(base).orElseThrow(), headId) : null;
            Event event = Event.fromPayload("pull_request", facts.payload()).withChangedPaths(changed);
            return match(facts, repo, commit, event, null);
        }
    }

    /** Whether {@code merge} is a merge commit of {@code head}, not one left from an older push. */
    private static boolean mergeCommit(Repository repo, ObjectId merge, ObjectId head) throws IOException {
        if (merge == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(merge);
            for (RevCommit parent : c.getParents()) {
                if (parent.getId().equals(head)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Triggered dispatch(EventFacts facts) throws IOException {
        Want ref = Want.ref(facts.ref());
        FetchedCommits fetched = cache.fetch(facts.repository(), facts.cloneUrl(), List.of(ref));
        ObjectId id = fetched.commit(ref).orElseThrow();
        try (Repository repo = RepositoryCache.open(fetched.gitDir())) {
            Event event = Event.fromPayload("workflow_dispatch", facts.payload());
            return match(facts, repo, new CommitToRun(id.name(), facts.ref(), null), event, facts.workflow());
        }
    }

    private Triggered match(EventFacts facts, Repository repo, CommitToRun commit, Event event, String onlyPath)
            throws IOException {
        List<TriggeredWorkflow> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (WorkflowFile file : CommitWorkflows.read(repo, ObjectId.fromString(commit.sha()), options)) {
            if (onlyPath != null && !file.path().equals(onlyPath)) {
                skipped.add(file.path() + ": the workflow_dispatch names " + onlyPath);
                continue;
            }
            Workflow workflow = file.result().workflow();
            if (workflow == null) {
                out.add(new TriggeredWorkflow.Errored(file.path(), file.result().problems(),
                        "the file cannot be read, so its triggers are unknown"));
                continue;
            }
            TriggerResult result;
            try {
                result = new TriggerMatcher(workflow.on()).match(event);
            } catch (IllegalArgumentException e) {
                out.add(new TriggeredWorkflow.Errored(file.path(), file.result().problems(),
                        "its triggers cannot be applied: " + e.getMessage()));
                continue;
            }
            if (!result.triggered()) {
                skipped.add(file.path() + ": " + result.reason());
            } else if (!file.valid()) {
                out.add(new TriggeredWorkflow.Errored(file.path(), file.result().problems(), describe(result.trigger(), event)));
            } else {
                out.add(new TriggeredWorkflow.ToRun(file.path(), workflow, describe(result.trigger(), event),
                        result.unchecked()));
            }
        }
        return new Triggered(facts, commit, out, skipped);
    }

    /** {@code on.push (branches [main], paths [src/**]) accepts refs/heads/main}: what matched, for the run's record. */
    static String describe(EventTrigger trigger, Event event) {
        List<String> filters = new ArrayList<>();
        if (!trigger.types().isEmpty()) {
            filters.add("types " + trigger.types());
        }
        filter(filters, "branches", trigger.branches());
        filter(filters, "tags", trigger.tags());
        filter(filters, "paths", trigger.paths());
        StringBuilder s = new StringBuilder("on.").append(trigger.event());
        if (!filters.isEmpty()) {
            s.append(" (").append(String.join(", ", filters)).append(')');
        }
        s.append(" accepts ").append(event.name());
        if (event.action() != null) {
            s.append(' ').append(event.action());
        }
        String ref = event.ref() != null ? event.ref() : event.baseRef();
        if (ref != null) {
            s.append(" of ").append(ref);
        }
        if (event.changedPaths() != null && trigger.paths() != null) {
            s.append(", ").append(event.changedPaths().size()).append(" changed file(s)");
        }
        return s.toString();
    }

    private static void filter(List<String> out, String name, PatternFilter f) {
        if (f != null) {
            out.add(name + (f.ignore() ? "-ignore " : " ") + f.patterns());
        }
    }
}
