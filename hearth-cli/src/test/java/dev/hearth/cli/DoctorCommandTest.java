package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.sandbox.Backends;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void listsEveryBackendWithItsVerdictAndTheDefault() throws Exception {
        CliRun run = CliRun.of("doctor", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        List<String> names = new ArrayList<>();
        root.get("backends").forEach(b -> {
            names.add(b.get("name").asText());
            assertThat(b.get("reason").asText()).as("every verdict says why").isNotBlank();
        });
        assertThat(names).containsExactlyElementsOf(Backends.all().stream().map(b -> b.name()).toList());
        JsonNode host = null;
        for (JsonNode b : root.get("backends")) {
            if (b.get("name").asText().equals("host")) {
                host = b;
            }
        }
        assertThat(host).isNotNull();
        assertThat(host.get("available").asBoolean()).isTrue();
        assertThat(host.get("isolation").asText()).isEqualTo("process");
        assertThat(root.get("default").asText()).isIn(names);
    }

    @Test
    void readableTableEndsWithTheDefault() {
        CliRun run = CliRun.of("doctor");
        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("(?m)^host +process +yes +")
                .containsPattern("(?m)^default backend: (bwrap|host)$");
    }
}
