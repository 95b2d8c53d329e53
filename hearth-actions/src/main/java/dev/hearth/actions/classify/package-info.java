/**
 * How each {@code uses:} of a workflow will run, told before anything runs:
 * {@link dev.hearth.actions.classify.UsesClassifier} sorts steps and reusable jobs into
 * {@link dev.hearth.actions.classify.ActionClass}es — built-in, local, remote, reusable, docker, LLM, or
 * unsupported when the value itself is invalid — each with a short note ("composite, 3 steps",
 * "node20", "needs Docker"). It reads manifests only from the repository, the mirror and the cache,
 * never from the network, so {@code hearth plan} stays offline and quick; it is the plan's
 * {@link dev.hearth.workflow.plan.UsesLabeler}.
 */
package dev.hearth.actions.classify;
