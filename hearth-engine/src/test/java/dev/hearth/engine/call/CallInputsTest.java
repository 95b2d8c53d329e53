package dev.hearth.engine.call;

import dev.hearth.engine.context.Scope;
import dev.hearth.workflow.model.WorkflowCall;
import dev.hearth.workflow.model.WorkflowInput;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code with:} values and defaults become the typed {@code inputs} of a called workflow. */
class CallInputsTest {
    private final Scope scope = Scope.empty()
            .with("github", Map.of("event_name", "push", "ref", "refs/heads/main"))
            .with("matrix", Map.of("n", 4.0, "on", true));

    private static WorkflowInput input(String name, String type, boolean required, Object dflt) {
        return new WorkflowInput(name, null, type, required, dflt, List.of(), null);
    }

    private static WorkflowCall call(WorkflowInput... inputs) {
        Map<String, WorkflowInput> m = new LinkedHashMap<>();
        for (WorkflowInput i : inputs) {
            m.put(i.name(), i);
        }
        return new WorkflowCall(m, Map.of(), Map.of());
    }

    private Map<String, Object> evaluate(WorkflowCall call, Map<String, Object> with) throws CallException {
        return CallInputs.evaluate(call, with, scope, "jobs.c");
    }

    @Test
    void valuesKeepTheirDeclaredTypes() throws CallException {
        WorkflowCall call = call(input("Flag", "boolean", false, null), input("count", "number", false, null),
                input("name", "string", false, null), input("text", "string", false, null));
        Map<String, Object> in = evaluate(call, Map.of("flag", "${{ matrix.on }}", "COUNT", "${{ matrix.n }}",
                "name", 2.5, "text", "${{ matrix.on }}-${{ matrix.n }}"));
        assertThat(in).containsExactly(Map.entry("Flag", true), Map.entry("count", 4.0), Map.entry("name", "2.5"),
                Map.entry("text", "true-4"));
    }

    @Test
    void defaultsAreEvaluatedAndMissingInputsGetGitHubsZeroValues() throws CallException {
        WorkflowCall call = call(input("label", "string", false, "${{ github.event_name }}-x"),
                input("on", "boolean", false, true), input("n", "number", false, 7.0),
                input("b", "boolean", false, null), input("z", "number", false, null), input("s", "string", false, null));
        assertThat(evaluate(call, Map.of())).containsExactly(Map.entry("label", "push-x"), Map.entry("on", true),
                Map.entry("n", 7.0), Map.entry("b", false), Map.entry("z", 0.0), Map.entry("s", ""));
    }

    @Test
    void valuesOfAnotherTypeAreRefusedAsGitHubDoes() {
        assertThatThrownBy(() -> evaluate(call(input("flag", "boolean", false, null)), Map.of("flag", "${{ 'true' }}")))
                .isInstanceOf(CallException.class)
                .hasMessage("jobs.c.with.flag: Unexpected type of value 'true', expected type: Boolean.");
        assertThatThrownBy(() -> evaluate(call(input("n", "number", false, null)), Map.of("n", "${{ github.ref }}")))
                .hasMessage("jobs.c.with.n: Unexpected type of value 'refs/heads/main', expected type: Number.");
        assertThatThrownBy(() -> evaluate(call(input("flag", "boolean", false, null)), Map.of("flag", "${{ github.nothing }}")))
                .hasMessage("jobs.c.with.flag: Unexpected type of value '', expected type: Boolean.");
        assertThatThrownBy(() -> evaluate(call(input("s", "string", false, null)), Map.of("s", "${{ github }}")))
                .hasMessage("jobs.c.with.s: Unexpected type of value 'Object', expected type: String.");
        assertThatThrownBy(() -> evaluate(call(input("s", "string", true, null)), Map.of()))
                .hasMessage("jobs.c: Input s is required, but not provided while calling.");
    }
}
