package dev.hearth.engine.call;

import dev.hearth.engine.context.Scope;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.WorkflowCall;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code secrets} context of a called workflow: with {@code secrets: inherit} every secret of the
 * caller, else only those the caller maps explicitly (evaluated in the calling job's scope), plus
 * {@code GITHUB_TOKEN}, which every job has. Nothing else of the caller's leaks in.
 */
public final class CallSecrets {
    private static final String TOKEN = "GITHUB_TOKEN";

    private CallSecrets() {
    }

    /**
     * @param callerSecrets the caller's own {@code secrets} context
     * @param scope         the calling job's scope
     * @param where         the caller, {@code jobs.<id>}, for messages
     */
    public static Map<String, String> evaluate(ReusableWorkflowJob job, WorkflowCall call,
                                               Map<String, String> callerSecrets, Scope scope, String where)
            throws CallException {
        Map<String, String> out = new LinkedHashMap<>();
        if (job.secretsInherit()) {
            out.putAll(callerSecrets);
        } else {
            // The called workflow names its secrets; the caller's spelling may differ in case.
            Map<String, String> declared = new HashMap<>();
            call.secrets().keySet().forEach(name -> declared.put(name.toLowerCase(Locale.ROOT), name));
            for (Map.Entry<String, String> e : job.secrets().entrySet()) {
                String name = declared.getOrDefault(e.getKey().toLowerCase(Locale.ROOT), e.getKey());
                try {
                    String value = scope.text(e.getValue());
                    out.put(name, value == null ? "" : value);
                } catch (Scope.EvaluationException ex) {
                    throw new CallException(where + ".secrets." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        if (!containsIgnoringCase(out, TOKEN)) {
            out.put(TOKEN, callerSecrets.getOrDefault(TOKEN, ""));
        }
        return out;
    }

    private static boolean containsIgnoringCase(Map<String, String> map, String key) {
        for (String k : map.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }
}
