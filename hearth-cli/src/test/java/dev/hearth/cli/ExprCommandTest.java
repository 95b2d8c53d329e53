package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code hearth expr --jsonl} with the given stdin; returns the stdout lines. */
    private static List<String> jsonl(String input) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute("expr", "--jsonl");
            assertThat(code).isZero();
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }



    private static JsonNode tree(String line) throws Exception {
        return JSON.readTree(line);
    }

    @Test
    void answersOneLinePerRequestInOrder() throws Exception {
        List<String> lines = jsonl("""
                {"expr": "github.event_name == 'push'", "contexts": {"github": {"event_name": "PUSH"}}}
                {"expr": "format('{0}-{1}', matrix.os, 1.50)", "contexts": {"matrix": {"os": "linux"}}}

                {"expr": "fromJSON('[1, {\\"a\\": null}]')"}
                {"expr": "1 / 0"}
                {"expr": "env.X", "contexts": {"github": {}}}
                {"expr": "format('{0}')"}
                {"expr": "-Infinity"}
                {"expr": "NaN"}
                {"expr": "'héllo ☃'"}
                """);
        assertThat(lines).hasSize(9);
        assertThat(tree(lines.get(0))).isEqualTo(tree("{\"kind\":\"Boolean\",\"value\":true}"));
        assertThat(tree(lines.get(1))).isEqualTo(tree("{\"kind\":\"String\",\"value\":\"linux-1.5\"}"));
        assertThat(tree(lines.get(2))).isEqualTo(tree("{\"kind\":\"Array\",\"value\":[1,{\"a\":null}]}"));
        assertThat(tree(lines.get(3)).at("/error/kind").asText()).isEqualTo("lexing");
        JsonNode unknown = tree(lines.get(4));
        assertThat(unknown.at("/error/kind").asText()).isEqualTo("parsing");
        assertThat(unknown.at("/error/message").asText())
                .isEqualTo("Unrecognized named-value: 'env'. Located at position 1 within expression: env.X");
        assertThat(tree(lines.get(5)).at("/error/kind").asText()).isEqualTo("evaluation");
        assertThat(tree(lines.get(6))).isEqualTo(tree("{\"kind\":\"Number\",\"value\":\"-Infinity\"}"));
        assertThat(tree(lines.get(7))).isEqualTo(tree("{\"kind\":\"Number\",\"value\":\"NaN\"}"));
        assertThat(tree(lines.get(8)).get("value").asText()).isEqualTo("héllo ☃");
    }

    @Test
    void aBadRequestLineGetsAnErrorLineAndTheRestStillRuns() throws Exception {
        List<String> lines = jsonl("not json\n{\"contexts\": {}}\n{\"expr\": \"1\"}\n");
        assertThat(lines).hasSize(3);
        assertThat(tree(lines.get(0)).has("error")).isTrue();
        assertThat(tree(lines.get(1)).has("error")).isTrue();
        assertThat(tree(lines.get(2))).isEqualTo(tree("{\"kind\":\"Number\",\"value\":1}"));
    }

    @Test
    void humanModePrintsTheKindAndValue() {
        CliRun r = CliRun.of("expr", "contains(github.labels, 'BUG')", "--context", "github={\"labels\": [\"bug\"]}");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("Boolean: true");
        CliRun obj = CliRun.of("expr", "fromJSON('{\"a\": [1]}')");
        assertThat(obj.out().strip()).isEqualTo("Object: {\n  \"a\": [\n    1\n  ]\n}");
    }

    @Test
    void humanModeReportsErrorsWithExitCode1() {
        CliRun r = CliRun.of("expr", "1 <");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error (parsing): Unexpected end of expression: '<'. Located at position 3");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.of("expr").code()).isEqualTo(2);
        assertThat(CliRun.of("expr", "1", "--context", "x={").code()).isEqualTo(2);
        assertThat(CliRun.of("expr", "--jsonl", "1").code()).isEqualTo(2);
    }

    @Test
    void helpFollowsPicocliConventions() {
        CliRun r = CliRun.of("expr", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: hearth expr").contains("--jsonl").contains("--context");
    }
}
