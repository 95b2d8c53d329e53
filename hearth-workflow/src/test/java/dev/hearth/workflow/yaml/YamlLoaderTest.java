package dev.hearth.workflow.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class YamlLoaderTest {

    private static YamlLoad load(String text) {
        return YamlLoader.load(text.getBytes(StandardCharsets.UTF_8));
    }

    private static YamlMapping root(String text) {
        YamlLoad l = load(text);
        assertThat(l.problems()).isEmpty();
        return (YamlMapping) l.root();
    }

    @Test
    void keepsLinesAndColumnsOfKeysValuesAndItems() {
        YamlMapping m = root("""
                on: push
                jobs:
                  build:
                    steps:
                      - run: echo hi
                """);
        YamlMapping.Entry on = m.entries().get(0);
        assertThat(on.key().line()).isEqualTo(1);
        assertThat(on.key().column()).isEqualTo(1);
        assertThat(on.value().line()).isEqualTo(1);
        assertThat(on.value().column()).isEqualTo(5);
        YamlMapping build = (YamlMapping) ((YamlMapping) m.get("jobs")).get("build");
        assertThat(build.line()).isEqualTo(4);
        assertThat(build.column()).isEqualTo(5);
        YamlSequence steps = (YamlSequence) build.get("steps");
        YamlMapping step = (YamlMapping) steps.items().get(0);
        assertThat(step.line()).isEqualTo(5);
        assertThat(step.column()).isEqualTo(9);
        assertThat(step.entries().get(0).value().column()).isEqualTo(14);
    }

    @Test
    void resolvesScalarsByYaml12CoreSchema() {
        YamlMapping m = root("""
                on: yes
                a: 0o10
                b: .inf
                c: ~
                d: 'true'
                e: True
                f: 1.5e3
                g: 0755
                h: 1_000
                """);
        assertThat(m.entries().get(0).key().type()).isEqualTo(ScalarType.STRING);
        assertThat(((YamlScalar) m.get("on")).type()).isEqualTo(ScalarType.STRING);
        assertThat(((YamlScalar) m.get("a")).type()).isEqualTo(ScalarType.INT);
        assertThat(((YamlScalar) m.get("a")).asNumber()).isEqualTo(8.0);
        assertThat(((YamlScalar) m.get("b")).type()).isEqualTo(ScalarType.FLOAT);
        assertThat(((YamlScalar) m.get("c")).type()).isEqualTo(ScalarType.NULL);
        assertThat(((YamlScalar) m.get("d")).type()).isEqualTo(ScalarType.STRING);
        assertThat(((YamlScalar) m.get("d")).style()).isEqualTo(ScalarStyle.SINGLE_QUOTED);
        assertThat(((YamlScalar) m.get("e")).type()).isEqualTo(ScalarType.BOOL);
        assertThat(((YamlScalar) m.get("f")).text()).isEqualTo("1500");
        assertThat(((YamlScalar) m.get("g")).asNumber()).isEqualTo(755.0);
        assertThat(((YamlScalar) m.get("h")).type()).isEqualTo(ScalarType.STRING);
    }

    @Test
    void keepsBlockStyles() {
        YamlMapping m = root("a: |\n  x\n  y\nb: >\n  x\n  y\n");
        assertThat(((YamlScalar) m.get("a")).style()).isEqualTo(ScalarStyle.LITERAL);
        assertThat(((YamlScalar) m.get("a")).value()).isEqualTo("x\ny\n");
        assertThat(((YamlScalar) m.get("b")).style()).isEqualTo(ScalarStyle.FOLDED);
        assertThat(((YamlScalar) m.get("b")).value()).isEqualTo("x y\n");
    }

    @Test
    void reportsDuplicateKeysCaseInsensitivelyAndKeepsTheFirst() {
        YamlLoad l = load("a: 1\nb: 2\nA: 3\n");
        assertThat(l.problems()).containsExactly(new YamlProblem(3, 1, "'A' is already defined"));
        assertThat(((YamlScalar) ((YamlMapping) l.root()).get("a")).value()).isEqualTo("1");
    }

    @Test
    void rejectsInvalidUtf8WithItsPosition() {
        byte[] bytes = {'a', ':', ' ', 'b', '\n', 'c', ':', ' ', (byte) 0xC3, '(', '\n'};
        YamlLoad l = YamlLoader.load(bytes);
        assertThat(l.root()).isNull();
        assertThat(l.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(4);
            assertThat(p.message()).contains("not valid UTF-8");
        });
    }

    @Test
    @Timeout(2)
    void rejectsAliasBombsQuickly() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        YamlLoad l = load(sb.toString());
        assertThat(l.root()).isNull();
        assertThat(l.problems()).singleElement().satisfies(p -> assertThat(p.message()).containsAnyOf("alias", "expands"));
    }

    @Test
    void rejectsRecursiveAliases() {
        YamlLoad l = load("a: &x\n  b: *x\n");
        assertThat(l.root()).isNull();
        assertThat(l.problems().get(0).message()).isEqualTo("Unknown alias 'x'");
    }

    @Test
    @Timeout(2)
    void rejectsDeepNestingQuickly() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        YamlLoad l = load(deep);
        assertThat(l.root()).isNull();
        assertThat(l.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("nested deeper than " + YamlLimits.MAX_DEPTH);
            assertThat(p.line()).isEqualTo(1);
        });
    }

    @Test
    @Timeout(2)
    void rejectsHugeFilesBeforeParsing() {
        byte[] huge = new byte[YamlLimits.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '[');
        YamlLoad l = YamlLoader.load(huge);
        assertThat(l.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("The maximum file size of " + YamlLimits.MAX_FILE_BYTES
                        + " characters has been exceeded"));
    }

    @Test
    @Timeout(2)
    void rejectsHugeScalars() {
        YamlLoad l = load("a: " + "x".repeat(YamlLimits.MAX_SCALAR_CODE_POINTS + 1) + "\n");
        assertThat(l.root()).isNull();
        assertThat(l.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("longer than");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(4);
        });
    }

    @Test
    void rejectsExplicitTagsGitHubDoesNotSupport() {
        YamlLoad l = load("a: !!timestamp 2022-10-26T00:00:00Z\n");
        assertThat(l.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("Unexpected tag 'tag:yaml.org,2002:timestamp'"));
        YamlLoad b = load("a: !!bool test\n");
        assertThat(b.problems().get(0).message())
                .isEqualTo("The value 'test' on line 1 and column 4 is invalid for the type 'tag:yaml.org,2002:bool'");
        YamlMapping ok = root("a: !!int 0xff\nb: !!str 12\nc: !!null\n");
        assertThat(((YamlScalar) ok.get("a")).asNumber()).isEqualTo(255.0);
        assertThat(((YamlScalar) ok.get("b")).type()).isEqualTo(ScalarType.STRING);
        assertThat(((YamlScalar) ok.get("c")).isNull()).isTrue();
    }

    @Test
    void reportsSyntaxErrorsWithPositions() {
        YamlLoad l = load("a: b\n  c: d\n");
        assertThat(l.root()).isNull();
        assertThat(l.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void refusesSeveralDocuments() {
        YamlLoad l = load("a: 1\n---\nb: 2\n");
        assertThat(l.root()).isNull();
        assertThat(l.problems().get(0).message()).contains("Multiple YAML documents");
    }

    @Test
    void emptyFileHasNoRoot() {
        YamlLoad l = load("");
        assertThat(l.root()).isNull();
        assertThat(l.problems()).isEmpty();
    }
}
