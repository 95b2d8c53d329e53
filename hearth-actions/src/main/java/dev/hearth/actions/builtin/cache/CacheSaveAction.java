package dev.hearth.actions.builtin.cache;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * {@code actions/cache/save}: the save half alone, run where the step stands (typically with
 * {@code if: always()}). It saves even when an earlier restore hit; a key that exists is refused with a
 * warning, as GitHub refuses it. No outputs.
 */
public final class CacheSaveAction implements BuiltinAction {

    @Override
    public List<String> names() {
        return List.of("actions/cache/save");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.of("enablecrossosarchive", "false");
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            CacheSteps.save(context, Inputs.required(context, "key"), context.input("path"));
            return BuiltinResult.success(Map.of());
        } catch (InvalidInputException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }
}
