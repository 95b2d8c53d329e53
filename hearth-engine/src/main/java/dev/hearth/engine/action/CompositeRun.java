package dev.hearth.engine.action;

import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepIds;
import dev.hearth.expressions.BuiltinFunction;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.UsesStep;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A composite action: its steps run one after another in the caller's job and sandbox, each seeing the
 * action's {@code inputs}, its own {@code steps} context, {@code github.action_path} (and
 * {@code GITHUB_ACTION_PATH}), and status functions that answer for the action itself: after one of its
 * steps fails, {@code success()} steps are skipped and {@code failure()} / {@code always()} steps still
 * run, as in GitHub's runner. The caller sees one step, whose outputs are the action's
 * {@code outputs.*.value}; the nested steps log under the caller's name, {@code caller > step}.
 */
final class CompositeRun {
    private final StepHost host;
    private final ActionSteps actions;

    CompositeRun(StepHost host, ActionSteps actions) {
        this.host = host;
        this.actions = actions;
    }

    /** The action's status while its steps run. */
    private static final class Status {
        boolean failed;
        boolean cancelled;
        String message;
    }

    ProcessOutcome run(Invocation inv, ResolvedAction action, ActionManifest.Composite composite, String dir,
                       Map<String, String> inputs, Instant started) throws InterruptedException {
        int depth = inv.call().depth() + 1;
        if (depth > ActionSteps.MAX_DEPTH) {
            String message = "Composite action depth exceeded max depth " + ActionSteps.MAX_DEPTH;
            inv.log().error(message);
            return ProcessOutcome.failure(message);
        }
        Map<String, String> actionEnv = ActionSteps.actionEnv(inv.ref(), action, dir);
        StepDeadline deadline = inv.innerDeadline(started);
        StepIds ids = new StepIds();
        Map<String, Object> steps = new LinkedHashMap<>();
        Status status = new Status();
        for (Step step : composite.steps()) {
            String id = ids.next(step);
            Map<String, Object> github = host.github(id);
            github.put("action_path", dir);
            github.put("action_repository", actionEnv.get("GITHUB_ACTION_REPOSITORY"));
            github.put("action_ref", actionEnv.get("GITHUB_ACTION_REF"));
            github.put("action_status", status.failed ? "failure" : "success");
            // GitHub's order: the job's env now, then the caller's env context, then the step's own.
            Map<String, String> env = ActionSteps.merged(host.globalEnv(), inv.envContext());
            Scope scope = host.scope().with("github", github).with("inputs", inputs).with("steps", steps)
                    .with("env", env).withStatus(f -> status(f, status));
            StepKey key = new StepKey(inv.key().number(), id,
                    inv.key().name() + " > " + ActionSteps.displayName(scope, step));
            StepLog log = host.log(key);
            if (host.cancellation().isKilled()) {
                record(steps, step, Conclusion.SKIPPED, Conclusion.SKIPPED, Map.of());
                continue;
            }
            boolean go;
            try {
                go = scope.condition(step.condition());
            } catch (Scope.EvaluationException e) {
                log.error(e.getMessage());
                fail(status, key, e.getMessage());
                record(steps, step, Conclusion.FAILURE, Conclusion.FAILURE, Map.of());
                continue;
            }
            if (!go) {
                log.debug("Skipped: its condition is false: " + step.condition());
                record(steps, step, Conclusion.SKIPPED, Conclusion.SKIPPED, Map.of());
                continue;
            }
            Conclusion outcome;
            Conclusion conclusion;
            Map<String, String> outputs;
            String message;
            switch (step) {
                case RunStep r when !r.background() -> {
                    ProcessOutcome o;
                    boolean continueOnError = false;
                    try {
                        Map<String, String> stepEnv = ActionSteps.merged(env, scope.texts(r.env()));
                        Scope stepScope = scope.with("env", stepEnv);
                        continueOnError = Minutes.truthy(stepScope, r.continueOnError());
                        o = host.runScript(key, r, stepScope, stepEnv, actionEnv, false, deadline);
                    } catch (Scope.EvaluationException | IllegalArgumentException e) {
                        log.error(e.getMessage());
                        o = ProcessOutcome.failure(e.getMessage());
                    }
                    outcome = o.outcome();
                    conclusion = outcome == Conclusion.FAILURE && continueOnError ? Conclusion.SUCCESS : outcome;
                    outputs = o.outputs();
                    message = o.message();
                }
                case UsesStep u when !u.background() -> {
                    StepOutcome o = actions.run(new ActionCall(key, u, scope, env, depth, deadline));
                    outcome = o.result().outcome();
                    conclusion = o.result().conclusion();
                    outputs = o.rawOutputs();
                    message = o.result().message();
                }
                default -> {
                    message = "background steps are not supported in composite actions";
                    log.error(message);
                    outcome = Conclusion.FAILURE;
                    conclusion = Conclusion.FAILURE;
                    outputs = Map.of();
                }
            }
            record(steps, step, outcome, conclusion, outputs);
            if (conclusion == Conclusion.FAILURE) {
                fail(status, key, message);
            }
            if (outcome == Conclusion.CANCELLED) {
                status.cancelled = true;
            }
        }
        Map<String, String> outputs = outputs(inv, action, inputs, steps, dir, status);
        Conclusion outcome = status.failed ? Conclusion.FAILURE
                : status.cancelled ? Conclusion.CANCELLED : Conclusion.SUCCESS;
        return new ProcessOutcome(outcome, null, status.message, outputs, Map.of());
    }

    private boolean status(BuiltinFunction f, Status status) {
        boolean cancelled = host.cancellation().isCancelled();
        return switch (f) {
            case ALWAYS -> true;
            case SUCCESS -> !status.failed && !cancelled;
            case FAILURE -> status.failed;
            case CANCELLED -> cancelled;
            default -> false;
        };
    }

    private static void fail(Status status, StepKey key, String message) {
        if (!status.failed) {
            status.message = message == null ? key.name() + " failed" : message;
        }
        status.failed = true;
    }

    /** The action's outputs: each {@code outputs.<name>.value} evaluated over its steps and inputs. */
    private Map<String, String> outputs(Invocation inv, ResolvedAction action, Map<String, String> inputs,
                                        Map<String, Object> steps, String dir, Status status) {
        Map<String, Object> github = host.github(inv.key().id());
        github.put("action_path", dir);
        Scope scope = host.scope().with("github", github).with("inputs", inputs).with("steps", steps)
                .with("env", inv.envContext());
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ActionManifest.Output> e : action.manifest().outputs().entrySet()) {
            try {
                String value = scope.text(e.getValue().value());
                out.put(e.getKey(), value == null ? "" : value);
            } catch (Scope.EvaluationException ex) {
                inv.log().error("Output '" + e.getKey() + "': " + ex.getMessage());
                fail(status, inv.key(), ex.getMessage());
            }
        }
        return out;
    }

    private static void record(Map<String, Object> steps, Step step, Conclusion outcome, Conclusion conclusion,
                               Map<String, String> outputs) {
        if (step.id() == null) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("outputs", outputs);
        entry.put("outcome", outcome.word());
        entry.put("conclusion", conclusion.word());
        steps.put(step.id(), entry);
    }
}
