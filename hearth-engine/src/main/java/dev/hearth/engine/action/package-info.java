/**
 * How a {@code uses:} step runs. {@link dev.hearth.engine.action.ActionSteps} takes each action step of a
 * job: a built-in action (checkout, cache, artifacts) is called natively; anything else is resolved
 * through the run's {@link dev.hearth.actions.ActionResolver} (remote actions once, before the job's
 * first step, as GitHub's "Set up job" does) and then run by its kind — a composite action's steps in
 * the caller's job and sandbox, a JavaScript action with the sandbox's {@code node} (its {@code pre}
 * before the job's steps and its {@code post} after them, with the state they save), a Docker action
 * with the sandbox's docker engine. When an action cannot be obtained or run here and an LLM is
 * configured, the step runs as a bash script the translator wrote, marked as such in the log. The job
 * runner offers what these need (running a process as a step, the job's contexts and log) through
 * {@link dev.hearth.engine.action.StepHost}, so this package never reaches into the job's state.
 */
package dev.hearth.engine.action;
