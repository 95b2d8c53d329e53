package dev.hearth.engine.action;

import dev.hearth.engine.StepKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One part ({@code pre}, {@code main} or {@code post}) of a JavaScript action: {@code node <file>} in
 * the workspace, with the inputs as {@code INPUT_*}, the state earlier parts saved as {@code STATE_*},
 * {@code GITHUB_ACTION_PATH}, and the command files of a step, as GitHub's runner starts it.
 */
final class NodeRun {

    private NodeRun() {
    }

    /**
     * @param script the part's file, relative to the action's folder
     * @param dir    the action's folder inside the sandbox
     * @param state  what earlier parts saved
     */
    static ProcessOutcome run(StepHost host, StepKey key, String script, String dir, Map<String, String> inputs,
                              Map<String, String> state, Map<String, String> envContext,
                              Map<String, String> actionEnv, double minutes, StepDeadline deadline)
            throws InterruptedException {
        Map<String, String> extra = new LinkedHashMap<>(ActionInputs.environment(inputs));
        state.forEach((k, v) -> extra.put("STATE_" + k, v));
        extra.putAll(actionEnv);
        String file = script.startsWith("/") ? script : dir + "/" + script;
        return host.runProgram(key, List.of("node", file), envContext, extra, minutes, deadline);
    }
}
