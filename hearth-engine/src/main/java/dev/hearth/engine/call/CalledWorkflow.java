package dev.hearth.engine.call;

import dev.hearth.engine.context.Scope;
import dev.hearth.engine.job.RunContext;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.model.WorkflowCall;

import java.util.Map;

/**
 * A called workflow ready to run: what its jobs share. The {@code github} context stays the caller's,
 * as on GitHub ({@code github.event_name}, {@code github.event}, {@code github.workflow} are the
 * calling run's); {@code inputs} and {@code secrets} are what the call passes; {@code env} is the
 * called workflow's own (the caller's workflow {@code env} does not carry over), and so are its
 * {@code defaults}.
 *
 * @param workflow the called workflow
 * @param context  what its jobs share
 * @param secrets  its {@code secrets} context, for the calls it makes in turn
 */
public record CalledWorkflow(Workflow workflow, RunContext context, Map<String, String> secrets) {

    /**
     * Evaluates one call (one leg of the calling job's matrix).
     *
     * @param caller        what the calling workflow's jobs share
     * @param callerSecrets the calling workflow's {@code secrets} context
     * @param job           the calling job, with its called workflow attached by the reader
     * @param scope         the calling leg's scope ({@code needs}, {@code matrix}, {@code strategy} included)
     * @param where         the caller, {@code jobs.<id>}, for messages
     * @throws CallException when the call cannot be made: the workflow was not read, an input does not fit
     */
    public static CalledWorkflow prepare(RunContext caller, Map<String, String> callerSecrets, ReusableWorkflowJob job,
                                         Scope scope, String where) throws CallException {
        Workflow called = job.called();
        if (called == null) {
            throw new CallException(where + ".uses: the reusable workflow '" + job.uses() + "' could not be read "
                    + "(a remote call needs --actions-mirror DIR or a way to fetch it)");
        }
        WorkflowCall call = called.call();
        if (call == null) {
            throw new CallException(where + ".uses: workflow_call key is not defined in the referenced workflow.");
        }
        Map<String, Object> inputs = CallInputs.evaluate(call, job.with(), scope, where);
        Map<String, String> secrets = CallSecrets.evaluate(job, call, callerSecrets, scope, where);
        // A value built from a secret ("x-${{ secrets.A }}") is a secret of its own in the called jobs.
        caller.masker().addAll(secrets.values());
        Scope calledScope = caller.scope().with("inputs", inputs).with("secrets", secrets);
        Map<String, String> env;
        try {
            env = calledScope.texts(called.env());
        } catch (Scope.EvaluationException e) {
            throw new CallException(called.file() + ": env: " + e.getMessage());
        }
        RunContext context = new RunContext(caller.request().withWorkflow(called), caller.listener(), caller.masker(),
                caller.github(), caller.runner(), calledScope, env, caller.repoName());
        return new CalledWorkflow(called, context, secrets);
    }
}
