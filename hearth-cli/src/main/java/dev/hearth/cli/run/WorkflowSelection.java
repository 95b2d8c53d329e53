package dev.hearth.cli.run;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.plan.Planner;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.EventTrigger;
import dev.hearth.workflow.trigger.TriggerMatcher;
import dev.hearth.workflow.trigger.TriggerResult;
import dev.hearth.workflow.validate.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which workflows a {@code hearth run} runs: the workflow files of {@code -W} read and checked, the
 * event chosen as act chooses it, and the workflows it triggers, narrowed to those with the jobs of
 * {@code -j}.
 */
public final class WorkflowSelection {

    private WorkflowSelection() {
    }

    /** A workflow file as read. */
    public record Loaded(Path file, ReadResult result) {
        public Workflow workflow() {
            return result.workflow();
        }

        /** Whether it has a job with one of these ids (compared without case, as GitHub does). */
        public boolean hasAnyJob(List<String> ids) {
            return ids.stream().anyMatch(id -> workflow().job(id) != null);
        }
    }

    /**
     * A workflow chosen to run.
     *
     * @param note why it runs though the event does not trigger it, or null when the event does
     */
    public record Selected(Loaded loaded, String note) {
    }

    /** The workflow files: the one named, or every {@code .yml}/{@code .yaml} in the folder, by name. */
    public static List<Path> files(Path fileOrFolder) throws UsageException {
        if (Files.isRegularFile(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        if (!Files.isDirectory(fileOrFolder)) {
            throw new UsageException("no such workflow file or folder: " + fileOrFolder);
        }
        try (Stream<Path> s = Files.list(fileOrFolder)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                throw new UsageException("no workflow files (*.yml, *.yaml) in " + fileOrFolder);
            }
            return files;
        } catch (IOException e) {
            throw new UsageException("cannot list " + fileOrFolder + ": " + e.getMessage());
        }
    }

    /** Reads the files, each with the options for its repository. */
    public static List<Loaded> read(List<Path> files, Function<Path, ReadOptions> options) throws UsageException {
        List<Loaded> loaded = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                loaded.add(new Loaded(f, WorkflowReader.read(f, options.apply(f))));
            } catch (IOException e) {
                throw new UsageException("cannot read " + f + ": " + e.getMessage());
            }
        }
        return loaded;
    }

    /**
     * Prints every workflow's problems and warnings as {@code hearth validate} does
     * ({@code file:line:column: error: message}).
     *
     * @return how many workflows are invalid
     */
    public static int report(List<Loaded> loaded, PrintWriter err) {
        int invalid = 0;
        for (Loaded l : loaded) {
            ReadResult r = l.result();
            for (Problem p : r.problems()) {
                err.printf("%s:%d:%d: error: %s%n", p.file(), p.line(), p.column(), p.message());
            }
            for (Problem p : r.warnings()) {
                err.printf("%s:%d:%d: warning: %s%n", p.file(), p.line(), p.column(), p.message());
            }
            if (!r.valid()) {
                invalid++;
            }
        }
        return invalid;
    }

    /** act's default event: push when some workflow runs on push, else the first workflow's first event. */
    public static String defaultEvent(List<Loaded> loaded) {
        for (Loaded l : loaded) {
            for (EventTrigger t : l.workflow().on()) {
                if (t.event().equals("push")) {
                    return "push";
                }
            }
        }
        return Planner.defaultEvent(loaded.getFirst().workflow()).name();
    }

    /**
     * The workflows the event triggers. A file named on its own runs anyway, as act does, with a note
     * saying why it would not have run.
     */
    public static List<Selected> triggered(List<Loaded> loaded, Event event, boolean namedFile) {
        List<Selected> selected = new ArrayList<>();
        for (Loaded l : loaded) {
            TriggerResult t = triggers(l.workflow(), event);
            if (t.triggered()) {
                selected.add(new Selected(l, null));
            } else if (namedFile) {
                selected.add(new Selected(l, l.file() + " is not triggered by this event (" + t.reason()
                        + "); running it anyway because it was named with -W"));
            }
        }
        return selected;
    }

    /** Whether the event triggers the workflow, and why not. */
    public static TriggerResult triggers(Workflow wf, Event event) {
        try {
            return new TriggerMatcher(wf.on()).match(event);
        } catch (IllegalArgumentException e) {
            return new TriggerResult(false, null, "a filter pattern is malformed: " + e.getMessage(), List.of());
        }
    }

    /**
     * With {@code -j}: only the workflows that have one of the jobs.
     *
     * @throws UsageException when no workflow read has one of them
     */
    public static List<Selected> withJobs(List<Selected> selected, List<Loaded> loaded, List<String> jobs, Path where)
            throws UsageException {
        if (jobs.isEmpty()) {
            return selected;
        }
        for (String id : jobs) {
            if (loaded.stream().noneMatch(l -> l.workflow().job(id) != null)) {
                List<String> known = new ArrayList<>();
                for (Loaded l : loaded) {
                    for (Job j : l.workflow().jobs()) {
                        known.add(j.id());
                    }
                }
                throw new UsageException("no job '" + id + "' in " + where + " (jobs: " + String.join(", ", known) + ")");
            }
        }
        return selected.stream().filter(s -> s.loaded().hasAnyJob(jobs)).toList();
    }
}
