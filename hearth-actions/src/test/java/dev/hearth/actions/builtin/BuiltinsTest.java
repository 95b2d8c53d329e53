package dev.hearth.actions.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuiltinsTest {

    @Test
    void theStandardSetAnswersToEveryBuiltinName() {
        Builtins builtins = Builtins.standard();

        assertThat(builtins.names()).containsExactlyInAnyOrderElementsOf(Builtins.NAMES);
        for (String name : Builtins.NAMES) {
            assertThat(builtins.find(name)).as(name).isPresent();
            assertThat(builtins.find(name).orElseThrow().names()).contains(name);
        }
        assertThat(builtins.find("Actions/Cache/Restore")).containsSame(builtins.find("actions/cache/restore").orElseThrow());
        assertThat(builtins.find("actions/setup-node")).isEmpty();
    }
}
