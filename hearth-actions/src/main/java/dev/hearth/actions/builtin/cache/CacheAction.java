package dev.hearth.actions.builtin.cache;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code actions/cache}: restores in {@code main}, saves in {@code post} when the job succeeded and the
 * restore was not an exact hit of the primary key. Outputs: {@code cache-hit} ({@code true} for an exact
 * match, {@code false} for a restore-key match, unset on a miss, as the real action leaves it).
 */
public final class CacheAction implements BuiltinAction {
    static final String PRIMARY_KEY = "primary-key";
    static final String MATCHED_KEY = "matched-key";
    static final String PATH = "path";

    @Override
    public List<String> names() {
        return List.of("actions/cache");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.of("enablecrossosarchive", "false", "fail-on-cache-miss", "false", "lookup-only", "false",
                "save-always", "false");
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            if (Inputs.bool(context, "save-always")) {
                context.log().warning("Input 'save-always' has been deprecated: it does not work as intended; use "
                        + "actions/cache/restore and actions/cache/save instead.");
            }
            CacheSteps.Restored restored = CacheSteps.restore(context);
            Map<String, String> outputs = new HashMap<>();
            Map<String, String> state = new HashMap<>();
            state.put(PRIMARY_KEY, restored.primaryKey());
            state.put(PATH, context.input("path"));
            if (restored.matchedKey() != null) {
                outputs.put("cache-hit", Boolean.toString(restored.exactHit()));
                state.put(MATCHED_KEY, restored.matchedKey());
            }
            return BuiltinResult.success(outputs, state);
        } catch (InvalidInputException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }

    @Override
    public boolean hasPost() {
        return true;
    }

    /** As the real action's {@code post-if}: a failed or cancelled job saves nothing. */
    @Override
    public String postIf() {
        return "success()";
    }

    @Override
    public BuiltinResult post(BuiltinContext context) throws Exception {
        String primaryKey = context.state().getOrDefault(PRIMARY_KEY, context.input("key").strip());
        if (primaryKey.isEmpty()) {
            context.log().warning("Key is not specified.");
            return BuiltinResult.success(Map.of());
        }
        String matchedKey = context.state().get(MATCHED_KEY);
        if (primaryKey.equals(matchedKey)) {
            context.log().info("Cache hit occurred on the primary key " + primaryKey + ", not saving cache.");
            return BuiltinResult.success(Map.of());
        }
        try {
            // The real post reads the path input again; the state holds it too, should the engine not pass inputs.
            String path = context.input("path").isBlank() ? context.state().getOrDefault(PATH, "") : context.input("path");
            CacheSteps.save(context, primaryKey, path);
        } catch (InvalidInputException e) {
            context.log().warning(e.getMessage());
        }
        return BuiltinResult.success(Map.of());
    }
}
