package dev.hearth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.cli.run.ConsoleListener;
import dev.hearth.cli.run.ConsoleStyle;
import dev.hearth.cli.run.Dotenv;
import dev.hearth.cli.run.Interrupts;
import dev.hearth.cli.run.JobList;
import dev.hearth.cli.run.RunJson;
import dev.hearth.cli.run.RunSummary;
import dev.hearth.cli.run.SecretFlags;
import dev.hearth.cli.run.WorkflowRun;
import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Engine;
import dev.hearth.engine.Isolation;
import dev.hearth.engine.RunRequest;
import dev.hearth.engine.RunResult;
import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.plan.PlanText;
import dev.hearth.workflow.plan.Planner;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.EventTrigger;
import dev.hearth.workflow.trigger.TriggerMatcher;
import dev.hearth.workflow.trigger.TriggerResult;
import dev.hearth.workflow.validate.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hearth run}: runs workflows on this machine, like act, with each workflow in a sandbox.
 * Flags follow act's where act has one. This class chooses what to run (files, event, jobs) and
 * gathers the inputs (payload, secrets, variables); the engine runs it, a {@link ConsoleListener}
 * shows it live and {@link RunSummary} or {@link RunJson} reports it at the end.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs workflows on this machine, each in its own sandbox, and shows their logs live.",
                "With a folder (the default, .github/workflows) every workflow the event triggers runs, one after "
                        + "another; a file named with -W runs even when its triggers do not match the event.",
                "Exit code 0: every run succeeded, 1: a run failed or was cancelled (or a workflow is invalid), "
                        + "2: usage error."})
final class RunCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_WORKFLOWS = ".github/workflows";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENT",
            description = "The event (push, pull_request, workflow_dispatch, ...). Default: push when a workflow "
                    + "runs on push, else the first workflow's first on: event.")
    String event;

    @Option(names = {"-W", "--workflows"}, paramLabel = "FILE|DIR", defaultValue = DEFAULT_WORKFLOWS,
            description = "A workflow file, or a folder of them. Default: ${DEFAULT-VALUE}")
    Path workflows;

    @Option(names = {"-e", "--eventpath"}, paramLabel = "FILE",
            description = "The event's webhook payload (JSON), github.event in expressions.")
    Path eventPath;

    @Option(names = {"-j", "--job"}, paramLabel = "JOB",
            description = "Run only this job (and the jobs it needs); repeatable.")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--matrix", paramLabel = "KEY:VALUE",
            description = "Run only the matrix legs with this value; repeatable.")
    List<String> matrix = new ArrayList<>();

    @Option(names = {"-s", "--secret"}, paramLabel = "NAME[=VALUE]",
            description = "A secret; without a value it is taken from the environment variable NAME, "
                    + "else asked for on the terminal. Repeatable.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Secrets in dotenv format (NAME=VALUE lines). Default: .secrets when present.")
    Path secretFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A configuration variable (vars); repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Variables in dotenv format. Default: .vars when present.")
    Path varFile;

    @Option(names = "--input", paramLabel = "NAME=VALUE",
            description = "An input of workflow_dispatch (inputs); repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Where steps run: bwrap (namespaces) or host (plain processes). "
                    + "Default: bwrap when it works here, else host.")
    String backend;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "workflow", converter = IsolationConverter.class,
            description = "What gets its own sandbox: workflow (jobs one after another, the default) or job "
                    + "(independent jobs in parallel).")
    Isolation isolation;

    @Option(names = "--network", paramLabel = "POLICY", defaultValue = "none", converter = NetworkConverter.class,
            description = "Network access of steps: none (the default) or host.")
    NetworkPolicy network;

    @Option(names = {"-l", "--list"}, description = "List the jobs (stage, id, name, workflow, file, events) and exit.")
    boolean list;

    @Option(names = {"-n", "--dryrun"}, description = "Show what would run, without running anything.")
    boolean dryrun;

    @Option(names = "--json", description = "Print the results as JSON on stdout at the end; live logs go to stderr.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also show debug lines (::debug::).")
    boolean verbose;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where sandboxes keep their files. Default: a fresh temporary folder, removed at the end.")
    Path workDir;

    @Option(names = "--keep-work-dir", description = "Keep the temporary work folder after the run.")
    boolean keepWorkDir;

    @Mixin
    ReadFlags read;

    /** Something wrong with what was asked: printed as {@code hearth run: message}, exit code 2. */
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** A workflow file read for this run. */
    private record Loaded(Path file, ReadResult result) {
        Workflow workflow() {
            return result.workflow();
        }
    }

    /** A workflow chosen to run, with a note when it runs though the event does not trigger it. */
    private record Selected(Loaded loaded, String note) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(out, err);
        } catch (UsageError e) {
            err.println("hearth run: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int execute(PrintWriter out, PrintWriter err) throws UsageError {
        long started = System.nanoTime();
        Map<String, String> matrixFilter = pairs(matrix, ':', "--matrix", "KEY:VALUE");
        Map<String, String> inputValues = pairs(inputs, '=', "--input", "NAME=VALUE");
        JsonNode payload = payload();
        boolean single = Files.isRegularFile(workflows);
        List<Loaded> loaded = new ArrayList<>();
        for (Path f : workflowFiles()) {
            loaded.add(load(f));
        }
        if (!report(loaded, err)) {
            return 1;
        }
        String eventName = event != null ? event : defaultEvent(loaded);
        Event ev = Event.fromPayload(eventName, payload);
        List<Selected> selected = select(loaded, ev, single, err);
        selected = byJobs(selected, loaded);

        ConsoleStyle style = ConsoleStyle.detect();
        if (list) {
            List<JobList.Listed> listed = new ArrayList<>();
            // Without an event every workflow is listed; with one, those it triggers (act does the same).
            for (Loaded l : event == null ? withJobs(loaded) : selected.stream().map(Selected::loaded).toList()) {
                listed.add(new JobList.Listed(l.file(), l.workflow()));
            }
            out.print(JobList.render(listed, jobs, style));
            return 0;
        }
        if (selected.isEmpty()) {
            err.println("hearth run: no workflow in " + workflows + " runs on '" + eventName + "':");
            for (Loaded l : loaded) {
                err.println("  " + l.file() + ": " + triggers(l.workflow(), ev).reason());
            }
            return 1;
        }
        if (dryrun) {
            for (Selected s : selected) {
                String note = event == null ? "no EVENT given: the default event" : null;
                out.print(PlanText.render(Planner.plan(s.loaded().workflow(), ev), note));
                if (!jobs.isEmpty()) {
                    out.println("only jobs: " + String.join(", ", jobs) + " (and the jobs they need)");
                }
                if (!matrixFilter.isEmpty()) {
                    out.println("only matrix legs with: " + matrixFilter);
                }
                out.println();
            }
            return 0;
        }

        Map<String, String> secretValues;
        try {
            secretValues = SecretFlags.resolve(secrets, dotenv(secretFile, ".secrets", "--secret-file"),
                    System.getenv(), SecretFlags::askOnTerminal);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        Map<String, String> varValues = new LinkedHashMap<>(dotenv(varFile, ".vars", "--var-file"));
        varValues.putAll(pairs(vars, '=', "--var", "NAME=VALUE"));
        SandboxBackend sandboxes = backend(err);
        PrintWriter log = json ? err : out;
        Path work = workRoot();
        List<WorkflowRun> runs = new ArrayList<>();
        List<Path> notRun = new ArrayList<>();
        Cancellation cancellation = new Cancellation();
        ConsoleListener listener = new ConsoleListener(log, style, verbose, Clock.systemDefaultZone());
        Engine engine = new Engine();
        try (Interrupts ignored = Interrupts.install(cancellation, err, style)) {
            int n = 0;
            for (Selected s : selected) {
                n++;
                if (cancellation.isCancelled()) {
                    notRun.add(s.loaded().file());
                    continue;
                }
                if (s.note() != null) {
                    log.println(style.paint("note: " + s.note(), ConsoleStyle.Ansi.YELLOW));
                    log.flush();
                }
                Path file = s.loaded().file();
                RunRequest request = RunRequest.builder(s.loaded().workflow(), sandboxes,
                                work.resolve(n + "-" + stem(file)))
                        .workflowFile(file.toAbsolutePath().normalize())
                        .repository(repository(file))
                        .event(eventName, payload)
                        .secrets(secretValues)
                        .vars(varValues)
                        .inputs(inputValues)
                        .jobs(jobs)
                        .matrixFilter(matrixFilter)
                        .isolation(isolation)
                        .network(network)
                        .build();
                RunResult result;
                try {
                    Files.createDirectories(request.workDir());
                    result = engine.run(request, listener, cancellation);
                } catch (IOException e) {
                    err.println("hearth run: cannot create the work folder " + request.workDir() + ": " + e.getMessage());
                    return 1;
                } catch (RuntimeException e) {
                    // A bug in Hearth, not in the workflow: say so plainly rather than as a usage error.
                    err.println("hearth run: internal error while running " + file + ": " + e);
                    e.printStackTrace(err);
                    return 1;
                }
                runs.add(new WorkflowRun(file, eventName, result));
            }
        } finally {
            cleanUp(work, err);
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        if (json) {
            out.println(RunJson.of(runs, notRun, total).toPrettyString());
        } else {
            out.print(RunSummary.render(runs, notRun, total, style));
        }
        boolean succeeded = notRun.isEmpty() && runs.stream().allMatch(r -> r.result().succeeded());
        return succeeded ? 0 : 1;
    }

    // ---- choosing what runs

    /** The workflow files: the one named, or every .yml/.yaml in the folder, by name. */
    private List<Path> workflowFiles() throws UsageError {
        if (Files.isRegularFile(workflows)) {
            return List.of(workflows);
        }
        if (!Files.isDirectory(workflows)) {
            throw new UsageError("no such workflow file or folder: " + workflows
                    + (workflows.toString().equals(DEFAULT_WORKFLOWS) ? " (name one with -W FILE|DIR)" : ""));
        }
        try (Stream<Path> s = Files.list(workflows)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                throw new UsageError("no workflow files (*.yml, *.yaml) in " + workflows);
            }
            return files;
        } catch (IOException e) {
            throw new UsageError("cannot list " + workflows + ": " + e.getMessage());
        }
    }

    private Loaded load(Path file) throws UsageError {
        try {
            return new Loaded(file, WorkflowReader.read(file, read.forFile(file)));
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Prints every workflow's problems and warnings as {@code validate} does; false when any is invalid. */
    private static boolean report(List<Loaded> loaded, PrintWriter err) {
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
        if (invalid > 0) {
            err.printf("hearth run: %d invalid workflow%s; nothing was run%n", invalid, invalid == 1 ? "" : "s");
        }
        return invalid == 0;
    }

    /** act's default: push when some workflow runs on push, else the first workflow's first event. */
    private static String defaultEvent(List<Loaded> loaded) {
        for (Loaded l : loaded) {
            for (EventTrigger t : l.workflow().on()) {
                if (t.event().equals("push")) {
                    return "push";
                }
            }
        }
        return Planner.defaultEvent(loaded.getFirst().workflow()).name();
    }

    private List<Selected> select(List<Loaded> loaded, Event ev, boolean single, PrintWriter err) {
        List<Selected> selected = new ArrayList<>();
        for (Loaded l : loaded) {
            TriggerResult t = triggers(l.workflow(), ev);
            if (t.triggered()) {
                selected.add(new Selected(l, null));
            } else if (single) {
                // Named on its own, a file runs anyway, as act does, but the author should know.
                selected.add(new Selected(l, l.file() + " is not triggered by this event (" + t.reason()
                        + "); running it anyway because it was named with -W"));
            }
        }
        return selected;
    }

    private static TriggerResult triggers(Workflow wf, Event ev) {
        try {
            return new TriggerMatcher(wf.on()).match(ev);
        } catch (IllegalArgumentException e) {
            return new TriggerResult(false, null, "a filter pattern is malformed: " + e.getMessage(), List.of());
        }
    }

    /** With {@code -j}: only workflows that have one of the jobs; a job no workflow has is an error. */
    private List<Selected> byJobs(List<Selected> selected, List<Loaded> loaded) throws UsageError {
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
                throw new UsageError("no job '" + id + "' in " + workflows + " (jobs: " + String.join(", ", known) + ")");
            }
        }
        return selected.stream().filter(s -> hasAnyJob(s.loaded())).toList();
    }

    private List<Loaded> withJobs(List<Loaded> loaded) {
        return jobs.isEmpty() ? loaded : loaded.stream().filter(this::hasAnyJob).toList();
    }

    private boolean hasAnyJob(Loaded l) {
        return jobs.stream().anyMatch(id -> l.workflow().job(id) != null);
    }

    // ---- inputs of the run

    private JsonNode payload() throws UsageError {
        if (eventPath == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(eventPath));
            if (node == null || !node.isObject()) {
                throw new UsageError("the event payload " + eventPath + " is not a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new UsageError("no such event payload file: " + eventPath);
        } catch (JsonProcessingException e) {
            throw new UsageError("the event payload " + eventPath + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UsageError("cannot read the event payload " + eventPath + ": " + e.getMessage());
        }
    }

    /** A dotenv file given with {@code flag}, else {@code fallback} in the current folder when present. */
    private static Map<String, String> dotenv(Path given, String fallback, String flag) throws UsageError {
        Path file = given;
        if (file == null) {
            Path dflt = Path.of(fallback);
            if (!Files.isRegularFile(dflt)) {
                return Map.of();
            }
            file = dflt;
        } else if (!Files.isRegularFile(file)) {
            throw new UsageError(flag + ": no such file: " + file);
        }
        try {
            return Dotenv.read(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        } catch (Dotenv.DotenvException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** {@code KEY<sep>VALUE} flags as a map; a key given twice or a flag without the separator is an error. */
    static Map<String, String> pairs(List<String> flags, char separator, String flag, String form) throws UsageError {
        Map<String, String> map = new LinkedHashMap<>();
        for (String f : flags) {
            int at = f.indexOf(separator);
            if (at <= 0) {
                throw new UsageError(flag + " '" + f + "': expected " + form);
            }
            String key = f.substring(0, at).strip();
            if (map.put(key, f.substring(at + 1)) != null) {
                throw new UsageError(flag + ": " + key + " is given twice");
            }
        }
        return map;
    }

    /** The backend asked for, or the preferred one with a warning when that means plain host processes. */
    private SandboxBackend backend(PrintWriter err) throws UsageError {
        if (backend != null) {
            SandboxBackend b;
            try {
                b = Backends.named(backend);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--backend: " + e.getMessage());
            }
            Availability a = b.availability();
            if (!a.available()) {
                throw new UsageError("backend " + b.name() + " is not available here: " + a.reason());
            }
            return b;
        }
        SandboxBackend preferred = Backends.preferred();
        if (preferred.name().equals("host")) {
            String reason = "not found";
            try {
                reason = Backends.named("bwrap").availability().reason();
            } catch (IllegalArgumentException e) {
                // no bwrap backend in this build at all
            }
            err.println("warning: bwrap not available (" + reason + "); running steps directly on the host");
            err.flush();
        }
        return preferred;
    }

    private Path workRoot() throws UsageError {
        try {
            if (workDir != null) {
                return Files.createDirectories(workDir).toAbsolutePath();
            }
            return Files.createTempDirectory("hearth-run-");
        } catch (IOException e) {
            throw new UsageError("cannot create the work folder: " + e.getMessage());
        }
    }

    /** Removes the temporary work folder; a folder given with --work-dir is the user's and stays. */
    private void cleanUp(Path work, PrintWriter err) {
        if (workDir != null) {
            return;
        }
        if (keepWorkDir) {
            err.println("work folder kept: " + work);
            err.flush();
            return;
        }
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("hearth run: could not remove the work folder " + work + ": " + e.getMessage());
        }
    }

    /** The git repository holding the file (the nearest folder with a .git), else where it is read from. */
    static Path repository(Path file) {
        for (Path p = file.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return ReadFlags.repositoryRoot(file);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** {@code workflow} or {@code job}, as users type them. */
    static final class IsolationConverter implements ITypeConverter<Isolation> {
        @Override
        public Isolation convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "workflow" -> Isolation.WORKFLOW;
                case "job" -> Isolation.JOB;
                default -> throw new TypeConversionException("expected workflow or job, not '" + value + "'");
            };
        }
    }

    /** {@code none} or {@code host}, as users type them. */
    static final class NetworkConverter implements ITypeConverter<NetworkPolicy> {
        @Override
        public NetworkPolicy convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> NetworkPolicy.NONE;
                case "host" -> NetworkPolicy.HOST;
                default -> throw new TypeConversionException("expected none or host, not '" + value + "'");
            };
        }
    }
}
