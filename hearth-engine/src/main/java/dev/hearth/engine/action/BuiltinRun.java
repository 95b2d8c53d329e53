package dev.hearth.engine.action;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.StepKey;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A built-in action: called in this JVM with the step's inputs (defaults applied, names in lower case),
 * its outputs going to {@code steps.<id>.outputs}; when it has a post part, that runs after the job's
 * steps (if its {@code post-if} holds then) with the state the main part returned.
 */
final class BuiltinRun {
    private final StepHost host;
    private final ActionSteps actions;

    BuiltinRun(StepHost host, ActionSteps actions) {
        this.host = host;
        this.actions = actions;
    }

    ProcessOutcome run(Invocation inv, BuiltinAction action) throws InterruptedException {
        Map<String, String> inputs = new LinkedHashMap<>();
        ActionInputs.given(inv.call().step().with(), inv.scope())
                .forEach((k, v) -> inputs.put(k.toLowerCase(Locale.ROOT), v));
        action.inputDefaults().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (!inputs.containsKey(name)) {
                String value = inv.scope().text(v);
                inputs.put(name, value == null ? "" : value);
            }
        });
        inv.log().debug("Built-in action " + inv.ref().ownerRepoPath() + " (Hearth runs it natively)");
        BuiltinResult main = call(inv.key(), action, inputs, Map.of(), false);
        if (main == null) {
            return ProcessOutcome.failure(internalError(action, "main"));
        }
        // GitHub registers a post part when the main part starts, so it runs after a failed main too
        // (its post-if decides).
        if (action.hasPost()) {
            actions.registerPost(new ActionSteps.Part(inv.key().id(), "Post " + inv.key().name(),
                    ActionSteps.condition(action.postIf()), key -> {
                        BuiltinResult post = call(key, action, inputs, main.state(), true);
                        return post == null ? ProcessOutcome.failure(internalError(action, "post")) : outcome(key, post);
                    }));
        }
        return outcome(inv.key(), main);
    }

    /** Calls a part; null when it threw (logged). */
    private BuiltinResult call(StepKey key, BuiltinAction action, Map<String, String> inputs, Map<String, String> state,
                               boolean post) throws InterruptedException {
        StepLog log = host.log(key);
        BuiltinContext context = new BuiltinContext(host.sandbox(), Map.copyOf(inputs), state, host.paths().workspace(),
                host.event(), host.setup().stores(), new BuiltinContext.ActionLog() {
                    @Override
                    public void info(String line) {
                        log.output(line);
                    }

                    @Override
                    public void warning(String line) {
                        log.warning(line);
                    }
                }, host.paths().home());
        try {
            return post ? action.post(context) : action.main(context);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.error(internalError(action, post ? "post" : "main") + ": " + e);
            return null;
        }
    }

    private ProcessOutcome outcome(StepKey key, BuiltinResult r) {
        if (r.failed()) {
            String message = r.message() == null ? "The built-in action failed." : r.message();
            host.log(key).error(message);
            return new ProcessOutcome(Conclusion.FAILURE, null, message, r.outputs(), r.state());
        }
        return new ProcessOutcome(Conclusion.SUCCESS, null, null, r.outputs(), r.state());
    }

    private static String internalError(BuiltinAction action, String part) {
        return "The built-in action " + action.names().getFirst() + " failed in its " + part + " part";
    }
}
