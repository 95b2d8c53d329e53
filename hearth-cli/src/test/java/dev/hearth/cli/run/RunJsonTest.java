package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunJsonTest {

    @Test
    void resultsWithLowerCaseConclusionsAndMilliseconds() throws Exception {
        String text = RunJson.of(List.of(RunSummaryTest.failedRun()), List.of(Path.of("later.yml")), Duration.ofMillis(4321))
                .toPrettyString();
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(root.get("conclusion").asText()).isEqualTo("cancelled"); // a workflow was left out
        assertThat(root.get("durationMs").asLong()).isEqualTo(4321);
        assertThat(root.at("/notRun/0").asText()).isEqualTo("later.yml");
        JsonNode run = root.at("/runs/0");
        assertThat(run.get("workflow").asText()).isEqualTo("CI");
        assertThat(run.get("file").asText()).isEqualTo(".github/workflows/ci.yml");
        assertThat(run.get("event").asText()).isEqualTo("push");
        assertThat(run.get("conclusion").asText()).isEqualTo("failure");
        assertThat(run.get("durationMs").asLong()).isEqualTo(1700);
        JsonNode build = run.at("/jobs/0");
        assertThat(build.get("id").asText()).isEqualTo("build");
        assertThat(build.get("name").asText()).isEqualTo("build (ubuntu)");
        assertThat(build.at("/matrix/os").asText()).isEqualTo("ubuntu");
        assertThat(build.get("result").asText()).isEqualTo("failure");
        assertThat(build.get("message").asText()).isEqualTo("a step failed");
        assertThat(build.get("summary").asText()).startsWith("## Test report");
        assertThat(build.at("/steps/1/name").asText()).isEqualTo("Run tests");
        assertThat(build.at("/steps/1/outcome").asText()).isEqualTo("failure");
        assertThat(build.at("/steps/1/exitCode").asInt()).isEqualTo(2);
        assertThat(build.at("/steps/1/durationMs").asLong()).isEqualTo(300);
        assertThat(build.at("/steps/2/conclusion").asText()).isEqualTo("skipped");
        assertThat(build.at("/steps/2/exitCode").isNull()).isTrue();
        assertThat(build.at("/annotations/0/level").asText()).isEqualTo("error");
        assertThat(build.at("/annotations/0/file").asText()).isEqualTo("test/a_test.c");
        assertThat(build.at("/annotations/0/line").asInt()).isEqualTo(12);
        assertThat(build.at("/annotations/0/column").asInt()).isEqualTo(5);
        assertThat(build.at("/annotations/1/file").isNull()).isTrue();
        assertThat(run.at("/jobs/1/result").asText()).isEqualTo("skipped");
    }
}
