package dev.hearth.engine.action;

import dev.hearth.actions.ActionManifest;
import dev.hearth.engine.context.Scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An action step's inputs as GitHub's runner makes them: the {@code with:} values evaluated, every
 * declared input not given set to its default (expressions evaluated in the step's scope, "" without
 * one), a warning for each given input the action does not declare ({@code Unexpected input(s) …}) and
 * for each given input it deprecates. A missing required input is not an error here: GitHub's runner
 * does not check it either; the action's own toolkit does ({@code Input required and not supplied}).
 */
final class ActionInputs {

    private ActionInputs() {
    }

    /** The {@code with:} values evaluated, keys as written. */
    static Map<String, String> given(Map<String, String> with, Scope scope) {
        Map<String, String> out = new LinkedHashMap<>();
        with.forEach((k, v) -> {
            String text = scope.text(v);
            out.put(k, text == null ? "" : text);
        });
        return out;
    }

    /**
     * @param docker whether it is a Docker action, which also accepts {@code entryPoint} and {@code args}
     */
    static Map<String, String> resolve(Map<String, String> given, ActionManifest manifest, boolean docker,
                                       Scope scope, StepLog log) {
        Map<String, String> inputs = new LinkedHashMap<>(given);
        Set<String> givenLower = lower(given.keySet());
        for (Map.Entry<String, ActionManifest.Input> e : manifest.inputs().entrySet()) {
            String msg = e.getValue().deprecationMessage();
            if (msg != null && givenLower.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                log.warning("Input '" + e.getKey() + "' has been deprecated with message: " + msg);
            }
        }
        List<String> valid = new ArrayList<>();
        if (docker) {
            valid.add("entryPoint");
            valid.add("args");
        }
        for (Map.Entry<String, ActionManifest.Input> e : manifest.inputs().entrySet()) {
            valid.add(e.getKey());
            if (!givenLower.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                String dflt = scope.text(e.getValue().defaultValue());
                inputs.put(e.getKey(), dflt == null ? "" : dflt);
            }
        }
        Set<String> validLower = lower(valid);
        List<String> unexpected = given.keySet().stream()
                .filter(k -> !validLower.contains(k.toLowerCase(Locale.ROOT))).toList();
        if (!unexpected.isEmpty()) {
            log.warning("Unexpected input(s) '" + String.join("', '", unexpected) + "', valid inputs are ['"
                    + String.join("', '", valid) + "']");
        }
        return inputs;
    }

    /** The {@code INPUT_*} variables a JavaScript or Docker action reads its inputs from. */
    static Map<String, String> environment(Map<String, String> inputs) {
        Map<String, String> env = new LinkedHashMap<>();
        inputs.forEach((k, v) -> env.put(variable(k), v));
        return env;
    }

    /** GitHub's rule, shared by the runner and the toolkit's {@code getInput}: spaces to {@code _}, upper case. */
    static String variable(String input) {
        return "INPUT_" + input.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    private static Set<String> lower(Iterable<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }
}
