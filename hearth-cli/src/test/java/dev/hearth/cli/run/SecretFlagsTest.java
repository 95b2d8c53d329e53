package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretFlagsTest {

    private final List<String> asked = new ArrayList<>();

    private String nobody(String name) {
        asked.add(name);
        return null;
    }

    @Test
    void valueGivenEnvironmentOrTerminal() {
        Map<String, String> s = SecretFlags.resolve(List.of("A=x=y", "B", "C", "D="),
                Map.of(), Map.of("B", "from-env"), name -> {
                    asked.add(name);
                    return "typed-" + name;
                });
        assertThat(s).containsExactly(Map.entry("A", "x=y"), Map.entry("B", "from-env"), Map.entry("C", "typed-C"),
                Map.entry("D", ""));
        assertThat(asked).containsExactly("C");
    }

    @Test
    void flagsOverrideTheFile() {
        Map<String, String> s = SecretFlags.resolve(List.of("TOKEN=flag"), Map.of("TOKEN", "file", "OTHER", "o"),
                Map.of(), this::nobody);
        assertThat(s).containsEntry("TOKEN", "flag").containsEntry("OTHER", "o");
    }

    @Test
    void noValueAnywhereIsAnError() {
        assertThatThrownBy(() -> SecretFlags.resolve(List.of("TOKEN"), Map.of(), Map.of(), this::nobody))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret TOKEN has no value")
                .hasMessageContaining("-s TOKEN=VALUE");
        assertThatThrownBy(() -> SecretFlags.resolve(List.of("=v"), Map.of(), Map.of(), this::nobody))
                .hasMessageContaining("a secret needs a name");
    }
}
