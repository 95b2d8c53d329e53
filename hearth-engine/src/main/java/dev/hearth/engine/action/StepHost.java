package dev.hearth.engine.action;

import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.engine.Cancellation;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepPaths;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.workflow.model.RunStep;

import java.util.List;
import java.util.Map;

/**
 * What the job an action step runs in offers it. The job runner implements it; everything a step's
 * process changes for the job (GITHUB_ENV, GITHUB_PATH, the step summary, add-mask values) is applied
 * to the job by the host, so an action's steps affect the job exactly as run steps do.
 */
public interface StepHost {

    /** The run's action setup: resolver, built-ins, translator, stores. */
    ActionSetup setup();

    Sandbox sandbox();

    /** The job's folders inside the sandbox. */
    StepPaths paths();

    Cancellation cancellation();

    /** The job-level contexts now: {@code steps} of the job, {@code env} without a step's own, the job's status. */
    Scope scope();

    /** The env context of the job now: workflow {@code env} < job {@code env} < GITHUB_ENV. */
    Map<String, String> globalEnv();

    /** The {@code github} context a step with this generated or given id sees. */
    Map<String, Object> github(String stepId);

    /** The run's secrets by name, for keeping them out of what is sent to an LLM. */
    Map<String, String> secrets();

    /** Masks secrets and add-mask values in a text. */
    String mask(String text);

    /** The event's repository, for checkout. */
    BuiltinContext.EventSource event();

    /** The log of a step; with a null key, the job's set-up log. */
    StepLog log(StepKey key);

    /** Tells the listener a step the job shows on its own (a {@code pre} or {@code post} part) starts. */
    void stepStarted(StepKey key);

    /**
     * Runs a {@code run:} step as a process.
     *
     * @param scope       the contexts its expressions see ({@code env} included)
     * @param envContext  the env context the process starts from
     * @param extraEnv    variables set over GitHub's own, e.g. {@code GITHUB_ACTION_PATH}
     * @param jobDefaults whether the job's and workflow's {@code defaults.run} apply (not inside actions)
     * @param deadline    a deadline from a step around it, or null
     */
    ProcessOutcome runScript(StepKey key, RunStep step, Scope scope, Map<String, String> envContext,
                             Map<String, String> extraEnv, boolean jobDefaults, StepDeadline deadline)
            throws InterruptedException;

    /**
     * Runs a program (an action's {@code node main.js}) as a step process, in the workspace, with the
     * step's command files and workflow commands.
     *
     * @param minutes the step's own {@code timeout-minutes}, 0 for none
     */
    ProcessOutcome runProgram(StepKey key, List<String> argv, Map<String, String> envContext,
                              Map<String, String> extraEnv, double minutes, StepDeadline deadline)
            throws InterruptedException;

    /**
     * Runs a short command with the environment a step with this env context would have (its PATH
     * included), to see what the sandbox offers: {@code node --version}, {@code docker version}.
     */
    Probe probe(List<String> argv, Map<String, String> envContext) throws InterruptedException;

    /** What a probe printed and how it ended; exit code -1 when it could not start. */
    record Probe(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
