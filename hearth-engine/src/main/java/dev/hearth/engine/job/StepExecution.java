package dev.hearth.engine.job;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.commands.FileCommandException;
import dev.hearth.engine.commands.CommandPolicy;
import dev.hearth.engine.commands.FileCommands;
import dev.hearth.engine.commands.LineAssembler;
import dev.hearth.engine.context.StepPaths;
import dev.hearth.engine.step.ScriptStep;
import dev.hearth.engine.step.Shells;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One script step as a process: its command files, its script file, the run itself with workflow
 * commands applied line by line, and what the command files say afterwards.
 */
final class StepExecution {
    /** Generous bound for GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE / GITHUB_PATH. */
    static final long FILE_LIMIT = 50L * 1024 * 1024;

    private final RunContext run;
    private final Sandbox sandbox;
    private final JobLog.StepLog log;
    private final Cancellation cancellation;
    private final StepPaths files;
    private final String scriptPath;
    private final SandboxTools tools;

    StepExecution(RunContext run, Sandbox sandbox, SandboxTools tools, StepPaths job, JobLog.StepLog log,
                  Cancellation cancellation) {
        this.run = run;
        this.tools = tools;
        this.sandbox = sandbox;
        this.log = log;
        this.cancellation = cancellation;
        String id = StepFileNames.next();
        String dir = JobLayout.commandDir(job);
        this.files = job.forStep(dir + "/set_env_" + id, dir + "/set_output_" + id, dir + "/save_state_" + id,
                dir + "/add_path_" + id, dir + "/step_summary_" + id);
        this.scriptPath = job.temp() + "/" + id;
    }

    /** The step's paths, command files included. */
    StepPaths files() {
        return files;
    }

    /**
     * How the step ended and what it asked for.
     *
     * @param exitCode  the process's exit code, or null when none ran
     * @param failed    whether the step failed (exit code, a refused command, a bad command file)
     * @param timedOut  whether its timeout ran out
     * @param cancelled whether the run was cancelled while it ran
     * @param message   why it failed when not for its exit code, or null
     * @param path      directories the step added to PATH, in the order added (the last goes first)
     * @param state     what the step saved for an action's later parts (GITHUB_STATE, {@code ::save-state::})
     */
    record Result(Integer exitCode, boolean failed, boolean timedOut, boolean cancelled, String message,
                  Map<String, String> outputs, Map<String, String> env, List<String> path, String summary,
                  Map<String, String> state) {
    }

    /**
     * A script step made ready to start: its script file written, its command line fixed. For a program
     * (an action's {@code node main.js}) there is no shell, script or script file.
     *
     * @param workingDirectory as the step gave it, for the log; null when it gave none
     */
    record Ready(Shells.Shell shell, String file, String script, String workingDirectory, ExecRequest request) {
        /** Whether the engine deletes the script file; the sandbox does when it wrote it with the command. */
        boolean engineDeletes() {
            return file != null && request.file() == null;
        }
    }

    /** Scripts up to this size go with their command to a sandbox that writes them (see {@link Sandbox#writesRequestFiles}). */
    private static final int SCRIPT_WITH_COMMAND = 256 * 1024;

    /** Writes the script file and fixes the command line; nothing runs yet. */
    Ready prepare(String script, String shellName, String workingDirectory, Map<String, String> env, Duration timeout)
            throws SandboxException {
        Shells.Shell shell = Shells.resolve(shellName, tools.bash(), tools.python());
        String cwd = workingDirectory == null || workingDirectory.isBlank() ? files.workspace()
                : workingDirectory.startsWith("/") ? workingDirectory : files.workspace() + "/" + workingDirectory;
        String file = scriptPath + shell.extension();
        byte[] content = script.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (content.length <= SCRIPT_WITH_COMMAND && sandbox.writesRequestFiles()) {
            // the sandbox writes it as the command starts and deletes it as it ends: no file work here
            return new Ready(shell, file, script, workingDirectory, new ExecRequest(shell.argv(file), env, cwd, timeout,
                    new ExecRequest.File(file, content)));
        }
        sandbox.writeFile(file, content);
        return new Ready(shell, file, script, workingDirectory, new ExecRequest(shell.argv(file), env, cwd, timeout));
    }

    /**
     * Makes a program ready to run as a step in the workspace, e.g. {@code node main.js} of a JavaScript
     * action. Its command files exist (empty) before it starts, as GitHub's runner makes them: the
     * toolkit refuses to write to a missing one.
     */
    Ready prepareProgram(List<String> argv, Map<String, String> env, Duration timeout) throws SandboxException {
        for (String f : List.of(files.env(), files.output(), files.state(), files.path(), files.stepSummary())) {
            sandbox.writeString(f, "");
        }
        return new Ready(null, null, null, null, new ExecRequest(argv, env, files.workspace(), timeout));
    }

    /** Forgets a step made ready that will not run after all. */
    void discard(Ready ready) {
        if (!ready.engineDeletes()) {
            return; // none, or the sandbox's: never written when dropped, deleted when run
        }
        try {
            sandbox.delete(ready.file());
        } catch (SandboxException e) {
            // the job's temp folder is emptied at its end anyway
        }
    }

    /**
     * What the engine does around a step's process.
     *
     * @param whileRunning called once the process is on its way: the engine prepares the next step
     *                     and may queue it behind this one
     * @param beforeFiles  called once the process ended, before its command files are read and
     *                     removed: a step queued behind this one must be decided by then, because the
     *                     sandbox decides by those files
     */
    record Around(Consumer<Execution> whileRunning, Barrier beforeFiles) {
    }

    /** Waits for something that must be settled first. */
    interface Barrier {
        void await() throws InterruptedException;
    }

    /** Runs a step made ready. */
    Result run(Ready ready, Around around) throws SandboxException, InterruptedException {
        return finish(ready, around,
                lines -> ScriptStep.run(sandbox, ready.request(), lines, cancellation, around.whileRunning()));
    }

    /** Follows a step the sandbox started ahead, its output held in {@code held} until now. */
    Result attach(Ready ready, ScriptStep.Watch watch, HeldSink held, Around around)
            throws SandboxException, InterruptedException {
        return finish(ready, around, lines -> {
            held.release(lines);
            try {
                around.whileRunning().accept(watch.execution());
            } catch (RuntimeException e) {
                watch.release();
                throw e;
            }
            return watch.await();
        });
    }

    /** How a step's process is had: started now, or followed. */
    private interface Process {
        ScriptStep.Outcome await(LineAssembler lines) throws SandboxException, InterruptedException;
    }

    private Result finish(Ready ready, Around around, Process process) throws SandboxException, InterruptedException {
        if (ready.shell() != null) {
            echo(ready.shell(), ready.script(), ready.workingDirectory());
        } else {
            log.line(LogLine.Source.RUNNER, LogLine.Kind.DEBUG, String.join(" ", ready.request().argv()));
        }
        StepCommands commands = new StepCommands(run.masker(), log,
                CommandPolicy.fromEnvironment(ready.request().env(), run.runner().debug(), files.workspace()));
        LineAssembler lines = new LineAssembler(commands::line);
        ScriptStep.Outcome outcome;
        try {
            outcome = process.await(lines);
        } finally {
            lines.flush();
            if (ready.engineDeletes()) {
                sandbox.delete(ready.file()); // it may hold secrets an expression put into the script
            }
        }
        around.beforeFiles().await();
        ExitStatus status = outcome.status();
        Map<String, String> outputs = new LinkedHashMap<>(commands.outputs());
        Map<String, String> newEnv = new LinkedHashMap<>(commands.env());
        List<String> path = new java.util.ArrayList<>(commands.path());
        Map<String, String> state = new LinkedHashMap<>(commands.state());
        String summary = "";
        String message = commands.failure();
        // One listing tells which command files the step wrote; most steps write none.
        java.util.Set<String> written = new java.util.HashSet<>(sandbox.list(JobLayout.commandDir(files)));
        try {
            outputs.putAll(keyValues(written, files.output(), "set-output"));
            Map<String, String> envFile = keyValues(written, files.env(), "set-env");
            for (Map.Entry<String, String> e : envFile.entrySet()) {
                String refusal = FileCommands.envRefusal(e.getKey());
                if (refusal != null) {
                    log.error(refusal); // GitHub reports it and goes on without failing the step
                } else {
                    newEnv.put(e.getKey(), e.getValue());
                }
            }
            state.putAll(keyValues(written, files.state(), "save-state"));
            if (written.contains(name(files.path()))) {
                path.addAll(FileCommands.parsePath(sandbox.readString(files.path(), FILE_LIMIT)));
            }
            summary = written.contains(name(files.stepSummary())) ? summary() : "";
        } catch (FileCommandException e) {
            log.error(e.getMessage());
            message = message == null ? e.getMessage() : message;
        }
        for (String f : List.of(files.env(), files.output(), files.state(), files.path(), files.stepSummary())) {
            if (written.contains(name(f))) {
                sandbox.delete(f);
            }
        }
        boolean failed = !status.success() || message != null;
        return new Result(status.code(), failed, status.timedOut(), outcome.cancelled(), message, outputs, newEnv,
                path, summary, state);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Map<String, String> keyValues(java.util.Set<String> written, String file, String command)
            throws SandboxException, FileCommandException {
        if (!written.contains(name(file))) {
            return Map.of();
        }
        return FileCommands.parseKeyValue(sandbox.readString(file, FILE_LIMIT), command);
    }

    private String summary() throws SandboxException {
        try {
            return sandbox.readString(files.stepSummary(), FileCommands.SUMMARY_LIMIT);
        } catch (SandboxException e) {
            log.error(FileCommands.summaryRefusal(FileCommands.SUMMARY_LIMIT + 1));
            return "";
        }
    }

    /** Shows what runs, as GitHub's log does before a script step. */
    private void echo(Shells.Shell shell, String script, String workingDirectory) {
        String shown = script.endsWith("\n") ? script.substring(0, script.length() - 1) : script;
        for (String line : shown.split("\n", -1)) {
            log.line(LogLine.Source.RUNNER, LogLine.Kind.COMMAND, line);
        }
        log.line(LogLine.Source.RUNNER, LogLine.Kind.DEBUG, "shell: " + String.join(" ", shell.template()));
        if (workingDirectory != null) {
            log.line(LogLine.Source.RUNNER, LogLine.Kind.DEBUG, "working-directory: " + workingDirectory);
        }
    }
}
