package dev.hearth.actions.builtin.cache;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code actions/cache/restore}: the restore half alone. Outputs: {@code cache-primary-key} (the key
 * asked for), and on a match {@code cache-matched-key} and {@code cache-hit} ({@code true} only when the
 * match is the primary key itself).
 */
public final class CacheRestoreAction implements BuiltinAction {

    @Override
    public List<String> names() {
        return List.of("actions/cache/restore");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.of("enablecrossosarchive", "false", "fail-on-cache-miss", "false", "lookup-only", "false");
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            CacheSteps.Restored restored = CacheSteps.restore(context);
            Map<String, String> outputs = new HashMap<>();
            outputs.put("cache-primary-key", restored.primaryKey());
            if (restored.matchedKey() != null) {
                outputs.put("cache-hit", Boolean.toString(restored.exactHit()));
                outputs.put("cache-matched-key", restored.matchedKey());
            }
            return BuiltinResult.success(outputs);
        } catch (InvalidInputException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }
}
