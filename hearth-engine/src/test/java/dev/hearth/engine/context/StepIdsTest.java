package dev.hearth.engine.context;

import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.UsesStep;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StepIdsTest {
    private static RunStep run(String id) {
        return new RunStep(id, "n", "success()", "true", null, null, Map.of(), null, null, new Position(1, 1), false);
    }

    private static UsesStep uses(String uses) {
        return new UsesStep(null, "n", "success()", uses, Map.of(), Map.of(), null, null, new Position(1, 1), false);
    }

    @Test
    void generatedIdsAreNumberedFromTwoAndSkipAuthorIds() {
        StepIds ids = new StepIds();
        assertThat(ids.next(run(null))).isEqualTo("__run");
        assertThat(ids.next(run("__RUN_3"))).isEqualTo("__RUN_3");
        assertThat(ids.next(run(null))).isEqualTo("__run_2");
        assertThat(ids.next(run(null))).isEqualTo("__run_4");
        assertThat(ids.next(uses("actions/checkout@v4"))).isEqualTo("__actions_checkout");
        assertThat(ids.next(uses("actions/checkout@v5"))).isEqualTo("__actions_checkout_2");
    }

    @Test
    void manyUnnamedStepsGetDistinctIds() {
        StepIds ids = new StepIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(ids.next(run(null)))).isTrue();
        }
        assertThat(seen).contains("__run", "__run_2", "__run_5000");
    }
}
