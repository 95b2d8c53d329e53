package dev.hearth.engine.call;

import dev.hearth.engine.commands.Annotation;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.mask.SecretMasker;
import dev.hearth.workflow.model.WorkflowCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of a called workflow: each {@code on.workflow_call.outputs.<name>.value} evaluated over
 * the {@code jobs} context of its finished jobs (their results and outputs). They become the calling
 * job's outputs, {@code needs.<caller>.outputs.<name>} for its dependents. As for a job's outputs, a
 * value that would show a secret is left out with a warning.
 *
 * @param values      the outputs, by name
 * @param annotations warnings about left-out values, errors about values that did not evaluate
 * @param failed      whether a value did not evaluate (the call then fails)
 */
public record CallOutputs(Map<String, String> values, List<Annotation> annotations, boolean failed) {

    /**
     * @param called the called workflow, whose scope has its {@code inputs}
     * @param jobs   for each called job id: {@code result} and {@code outputs}
     */
    public static CallOutputs evaluate(CalledWorkflow called, Map<String, Object> jobs, SecretMasker masker) {
        WorkflowCall call = called.workflow().call();
        Map<String, String> values = new LinkedHashMap<>();
        List<Annotation> annotations = new ArrayList<>();
        boolean failed = false;
        // Outputs may read github, inputs, vars and jobs; not secrets.
        Scope scope = called.context().scope().with("jobs", jobs).with("secrets", Map.of());
        for (WorkflowCall.Output output : call.outputs().values()) {
            try {
                String value = scope.text(output.value());
                value = value == null ? "" : value;
                if (!masker.mask(value).equals(value)) {
                    annotations.add(Annotation.of(Annotation.Level.WARNING,
                            "Skip output '" + output.name() + "' since it may contain secret."));
                    continue;
                }
                values.put(output.name(), value);
            } catch (Scope.EvaluationException e) {
                failed = true;
                annotations.add(Annotation.of(Annotation.Level.ERROR,
                        masker.mask("Output '" + output.name() + "': " + e.getMessage())));
            }
        }
        return new CallOutputs(values, annotations, failed);
    }
}
