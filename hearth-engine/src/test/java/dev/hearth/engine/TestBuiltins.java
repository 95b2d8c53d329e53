package dev.hearth.engine;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Built-in actions for the engine's tests, small but real: they work on the sandbox through its interface. */
final class TestBuiltins {
    private TestBuiltins() {
    }

    /**
     * A checkout that copies the event's repository folder into the workspace (or {@code path} below it);
     * its post part reports the folder its main part saved in the state.
     */
    static final class CopyCheckout implements BuiltinAction {
        final List<BuiltinContext> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> names() {
            return List.of("actions/checkout");
        }

        @Override
        public Map<String, String> inputDefaults() {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("path", "");
            d.put("token", "${{ github.token }}");
            return d;
        }

        @Override
        public BuiltinResult main(BuiltinContext context) throws Exception {
            calls.add(context);
            String target = context.input("path").isEmpty() ? context.workspace()
                    : context.workspace() + "/" + context.input("path");
            context.sandbox().copyIn(context.event().repositoryDir(), target);
            context.log().info("Copied " + context.event().repository() + " at " + context.event().sha());
            return BuiltinResult.success(Map.of("commit", context.event().sha()), Map.of("copied", target));
        }

        @Override
        public boolean hasPost() {
            return true;
        }

        @Override
        public BuiltinResult post(BuiltinContext context) {
            calls.add(context);
            context.log().info("checkout post: copied=" + context.state().get("copied"));
            return BuiltinResult.success(Map.of());
        }
    }

    /** A cache whose main part fails when asked to, and whose post part runs only on success. */
    static final class FailingCache implements BuiltinAction {
        @Override
        public List<String> names() {
            return List.of("actions/cache");
        }

        @Override
        public Map<String, String> inputDefaults() {
            return Map.of("fail", "false");
        }

        @Override
        public BuiltinResult main(BuiltinContext context) throws Exception {
            if (context.input("fail").equals("true")) {
                return BuiltinResult.failure("The cache service is down: " + context.input("key"));
            }
            context.sandbox().writeString(context.workspace() + "/cache-key", context.input("key"));
            return BuiltinResult.success(Map.of("cache-hit", "false"), Map.of("key", context.input("key")));
        }

        @Override
        public boolean hasPost() {
            return true;
        }

        @Override
        public String postIf() {
            return "success()";
        }

        @Override
        public BuiltinResult post(BuiltinContext context) {
            context.log().info("cache post: saving " + context.state().get("key"));
            return BuiltinResult.success(Map.of());
        }
    }
}
