package dev.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.actions.llm.StepTranslator;
import dev.hearth.cli.run.ActionFlags;
import dev.hearth.cli.run.BackendChoice;
import dev.hearth.cli.run.CompilerPriority;
import dev.hearth.cli.run.ConsoleListener;
import dev.hearth.cli.run.ConsoleStyle;
import dev.hearth.cli.run.Interrupts;
import dev.hearth.cli.run.JobList;
import dev.hearth.cli.run.RunInputs;
import dev.hearth.cli.run.RunJson;
import dev.hearth.cli.run.RunSummary;
import dev.hearth.cli.run.SecretFlags;
import dev.hearth.cli.run.UsageException;
import dev.hearth.cli.run.WorkFolder;
import dev.hearth.cli.run.WorkflowRun;
import dev.hearth.cli.run.WorkflowSelection;
import dev.hearth.cli.run.WorkflowSelection.Loaded;
import dev.hearth.cli.run.WorkflowSelection.Selected;
import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Engine;
import dev.hearth.engine.Isolation;
import dev.hearth.engine.RunRequest;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.workflow.plan.PlanText;
import dev.hearth.workflow.reusable.RemoteFiles;
import dev.hearth.workflow.plan.Planner;
import dev.hearth.workflow.trigger.Event;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * Flags follow act's where act has one. This class wires them together: {@link WorkflowSelection}
 * chooses what runs, {@link RunInputs} and {@link SecretFlags} gather payload, secrets and
 * variables, the engine runs each workflow while a {@link ConsoleListener} shows it live, and
 * {@link RunSummary} or {@link RunJson} reports at the end.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs workflows on this machine, each in its own sandbox, and shows their logs live.",
                "With a folder (the default, .github/workflows) every workflow the event triggers runs, one after "
                        + "another; a file named with -W runs even when its triggers do not match the event.",
                "Exit code 0: every run succeeded, 1: a run failed or was cancelled (or a workflow is invalid), "
                        + "2: usage error."})
final class RunCommand implements Callable<Integer> {

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

    @Option(names = {"-v", "--verbose"}, description = "Also show debug lines (::debug::) and each script as it starts.")
    boolean verbose;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where sandboxes keep their files. Default: a fresh temporary folder, removed at the end.")
    Path workDir;

    @Option(names = "--keep-work-dir", description = "Keep the temporary work folder after the run.")
    boolean keepWorkDir;

    @Mixin
    ReadFlags read;

    @Mixin
    ActionFlags actions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(out, err);
        } catch (UsageException e) {
            err.println("hearth run: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int execute(PrintWriter out, PrintWriter err) throws UsageException {
        long started = System.nanoTime();
        Map<String, String> matrixFilter = RunInputs.pairs(matrix, ':', "--matrix", "KEY:VALUE");
        Map<String, String> inputValues = RunInputs.pairs(inputs, '=', "--input", "NAME=VALUE");
        JsonNode payload = RunInputs.payload(eventPath);
        if (!Files.exists(workflows) && workflows.toString().equals(DEFAULT_WORKFLOWS)) {
            throw new UsageException("no " + DEFAULT_WORKFLOWS + " here; name a workflow file or folder with -W");
        }
        RemoteFiles remote = actions.remoteFiles(read.actionsMirror, System.getenv());
        List<Loaded> loaded = WorkflowSelection.read(WorkflowSelection.files(workflows),
                f -> read.forFile(f).withRemoteFiles(remote));
        int invalid = WorkflowSelection.report(loaded, err);
        if (invalid > 0) {
            err.printf("hearth run: %d invalid workflow%s; nothing was run%n", invalid, invalid == 1 ? "" : "s");
            return 1;
        }
        String eventName = event != null ? event : WorkflowSelection.defaultEvent(loaded);
        Event ev = Event.fromPayload(eventName, payload);
        List<Selected> selected = WorkflowSelection.withJobs(
                WorkflowSelection.triggered(loaded, ev, Files.isRegularFile(workflows)), loaded, jobs, workflows);

        ConsoleStyle style = ConsoleStyle.detect();
        if (list) {
            // Without an event every workflow is listed; with one, those it triggers (act does the same).
            List<Loaded> shown = event == null
                    ? loaded.stream().filter(l -> jobs.isEmpty() || l.hasAnyJob(jobs)).toList()
                    : selected.stream().map(Selected::loaded).toList();
            out.print(JobList.render(shown.stream().map(l -> new JobList.Listed(l.file(), l.workflow())).toList(),
                    jobs, style));
            return 0;
        }
        if (selected.isEmpty()) {
            err.println("hearth run: no workflow in " + workflows + " runs on '" + eventName + "':");
            for (Loaded l : loaded) {
                err.println("  " + l.file() + ": " + WorkflowSelection.triggers(l.workflow(), ev).reason());
            }
            return 1;
        }
        if (dryrun) {
            dryRun(selected, ev, matrixFilter, out);
            return 0;
        }
        CompilerPriority.lower();

        Map<String, String> secretValues;
        try {
            secretValues = SecretFlags.resolve(secrets, RunInputs.dotenv(secretFile, ".secrets", "--secret-file"),
                    System.getenv(), SecretFlags::askOnTerminal);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> varValues = new LinkedHashMap<>(RunInputs.dotenv(varFile, ".vars", "--var-file"));
        varValues.putAll(RunInputs.pairs(vars, '=', "--var", "NAME=VALUE"));
        SandboxBackend sandboxes = BackendChoice.choose(backend, err);
        StepTranslator translator = actions.translator(System.getenv());

        PrintWriter log = json ? err : out;
        List<WorkflowRun> runs = new ArrayList<>();
        List<Path> notRun = new ArrayList<>();
        Cancellation cancellation = new Cancellation();
        ConsoleListener listener = ConsoleListener.live(log, style, verbose, Clock.systemDefaultZone());
        Engine engine = new Engine();
        try (WorkFolder work = WorkFolder.open(workDir, keepWorkDir, err);
             Interrupts ignored = Interrupts.install(cancellation, err, style)) {
            int n = 0;
            for (Selected s : selected) {
                Path file = s.loaded().file();
                if (cancellation.isCancelled()) {
                    notRun.add(file);
                    continue;
                }
                if (s.note() != null) {
                    log.println(style.paint("note: " + s.note(), ConsoleStyle.Ansi.YELLOW));
                    log.flush();
                }
                String runName = ++n + "-" + stem(file);
                Path runWork = work.path().resolve(runName);
                RunRequest request = RunRequest.builder(s.loaded().workflow(), sandboxes, runWork)
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
                        .actions(actions.setup(runWork, runName, 1, actions.resolver(read.actionsMirror,
                                secretValues.get("GITHUB_TOKEN"), System.getenv()), translator, System.getenv()))
                        .build();
                try {
                    Files.createDirectories(request.workDir());
                    runs.add(new WorkflowRun(file, eventName, engine.run(request, listener, cancellation)));
                } catch (IOException e) {
                    err.println("hearth run: cannot create the work folder " + request.workDir() + ": " + e.getMessage());
                    return 1;
                } catch (RuntimeException e) {
                    // A bug in Hearth, not in the workflow: say so plainly rather than as a usage error.
                    err.println("hearth run: internal error while running " + file + ": " + e);
                    e.printStackTrace(err);
                    return 1;
                }
            }
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

    private void dryRun(List<Selected> selected, Event ev, Map<String, String> matrixFilter, PrintWriter out) {
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
