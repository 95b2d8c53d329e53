/**
 * Calls of reusable workflows ({@code jobs.<id>.uses}) as GitHub makes them: the {@code with:} inputs
 * checked against the called workflow's {@code on.workflow_call.inputs} and typed
 * ({@link dev.hearth.engine.call.CallInputs}), the secrets it is given, explicitly or by
 * {@code inherit}, and nothing else ({@link dev.hearth.engine.call.CallSecrets}), the contexts its
 * jobs run with — the caller's {@code github} and event, its own {@code env} and {@code defaults}
 * ({@link dev.hearth.engine.call.CalledWorkflow}) — and its {@code outputs} evaluated over its jobs
 * for the caller's dependents ({@link dev.hearth.engine.call.CallOutputs}). The scheduler runs the
 * called jobs; this package says what they see.
 */
package dev.hearth.engine.call;
