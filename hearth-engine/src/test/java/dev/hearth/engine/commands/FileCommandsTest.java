package dev.hearth.engine.commands;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FileCommandsTest {
    @TempDir
    Path dir;

    /** Runs {@code script} with bash, the file at $FILE, and returns what it wrote there. */
    private String written(String script) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed on this machine");
        Path file = dir.resolve("command_file");
        Files.deleteIfExists(file);
        Files.createFile(file);
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-euc", script).redirectErrorStream(true);
        pb.environment().put("FILE", file.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.readString(file);
    }

    @Test
    void readsWhatAStepWritesWithEchoAndHeredocs() throws Exception {
        String content = written("""
                echo "GREETING=hello world" >> "$FILE"
                echo "URL=https://x.test/?a=1&b=2" >> "$FILE"
                echo >> "$FILE"
                {
                  echo 'NOTES<<EOF'
                  echo 'first line'
                  echo ''
                  echo 'has = and << inside'
                  echo 'EOF'
                } >> "$FILE"
                echo "GREETING=bye" >> "$FILE"
                printf 'EMPTY=\\n' >> "$FILE"
                printf 'NOTHING<<END\\nEND\\n' >> "$FILE"
                """);
        Map<String, String> entries = FileCommands.parseKeyValue(content, "env");
        assertThat(entries).containsExactly(entry("GREETING", "bye"), entry("URL", "https://x.test/?a=1&b=2"),
                entry("NOTES", "first line\n\nhas = and << inside"), entry("EMPTY", ""), entry("NOTHING", ""));
    }

    @Test
    void theRandomDelimiterIdiomKeepsAValueIntact() throws Exception {
        String content = written("""
                delimiter="ghadelimiter_$RANDOM$RANDOM"
                value=$'line one\\nEOF\\nINJECTED=1'
                { echo "BODY<<$delimiter"; echo "$value"; echo "$delimiter"; } >> "$FILE"
                """);
        assertThat(FileCommands.parseKeyValue(content, FileCommand.OUTPUT))
                .containsExactly(entry("BODY", "line one\nEOF\nINJECTED=1"));
    }

    @Test
    void aDelimiterLineEndsTheValueEvenIfTheAuthorMeantItAsData() throws FileCommandException {
        // With a fixed delimiter, a value line equal to it ends the value early: what follows is read as
        // entries — the reason GitHub recommends a random delimiter.
        assertThatThrownBy(() -> FileCommands.parseKeyValue("BODY<<EOF\nline one\nEOF\nINJECTED=1\nEOF\n", "output"))
                .isInstanceOf(FileCommandException.class).hasMessage("Invalid format 'EOF'");
        assertThat(FileCommands.parseKeyValue("BODY<<EOF\nline one\nEOF\nINJECTED=1\n", "output"))
                .containsExactly(entry("BODY", "line one"), entry("INJECTED", "1"));
    }

    @Test
    void onlyAWholeLineEqualToTheDelimiterEndsAHeredoc() throws FileCommandException {
        assertThat(FileCommands.parseKeyValue("V<<EOF\nxEOF\nEOF \n EOF\nEOFx\nEOF\n", "state"))
                .containsExactly(entry("V", "xEOF\nEOF \n EOF\nEOFx"));
    }

    @Test
    void crlfLineEndsAreTolerated() throws Exception {
        String content = written("printf 'A=1\\r\\nB<<EOF\\r\\nx\\r\\n\\r\\ny\\r\\nEOF\\r\\n\\r\\nC=3\\r\\n' >> \"$FILE\"");
        assertThat(content).contains("\r\n");
        assertThat(FileCommands.parseKeyValue(content, "GITHUB_OUTPUT"))
                .containsExactly(entry("A", "1"), entry("B", "x\n\ny"), entry("C", "3"));
    }

    @Test
    void valuesKeepEqualsSignsAndSpaces() throws FileCommandException {
        assertThat(FileCommands.parseKeyValue("Q=a=b==c \nR= spaced \n", "output"))
                .containsExactly(entry("Q", "a=b==c "), entry("R", " spaced "));
        // '<<' after '=' is part of a value; '=' after '<<' is part of a delimiter.
        assertThat(FileCommands.parseKeyValue("S=x<<y\nT<<E=F\nv\nE=F\n", "output"))
                .containsExactly(entry("S", "x<<y"), entry("T", "v"));
    }

    @Test
    void aMissingDelimiterIsGitHubsError() {
        assertThatThrownBy(() -> FileCommands.parseKeyValue("A=1\nBODY<<EOF\nline\n", "output"))
                .isInstanceOf(FileCommandException.class)
                .hasMessage("Invalid value. Matching delimiter not found 'EOF'")
                .satisfies(e -> assertThat(((FileCommandException) e).errors()).containsExactly(
                        "Unable to process file command 'output' successfully.",
                        "Invalid value. Matching delimiter not found 'EOF'"));
        assertThatThrownBy(() -> FileCommands.parseKeyValue("BODY<<EOF\n", "env"))
                .hasMessage("Invalid value. Matching delimiter not found 'EOF'");
        assertThatThrownBy(() -> FileCommands.parseKeyValue("BODY<<EOF\nlast line without newline", "env"))
                .hasMessage("Invalid value. EOF marker missing new line.");
        assertThat(catchMessage("BODY<<EOF\nline\nEOF")).isNull();
    }

    private static String catchMessage(String content) {
        try {
            FileCommands.parseKeyValue(content, "env");
            return null;
        } catch (FileCommandException e) {
            return e.getMessage();
        }
    }

    @Test
    void malformedLinesAreGitHubsErrors() {
        assertThat(catchMessage("JUST_A_NAME\n")).isEqualTo("Invalid format 'JUST_A_NAME'");
        assertThat(catchMessage("  \n")).isEqualTo("Invalid format '  '");
        assertThat(catchMessage("=value\n")).isEqualTo("Invalid format '=value'. Name must not be empty");
        assertThat(catchMessage("<<EOF\nx\nEOF\n"))
                .isEqualTo("Invalid format '<<EOF'. Name must not be empty and delimiter must not be empty");
        assertThat(catchMessage("NAME<<\nx\n"))
                .isEqualTo("Invalid format 'NAME<<'. Name must not be empty and delimiter must not be empty");
    }

    @Test
    void emptyFilesHaveNoEntries() throws FileCommandException {
        assertThat(FileCommands.parseKeyValue("", "env")).isEmpty();
        assertThat(FileCommands.parseKeyValue("\n\n\r\n", "env")).isEmpty();
        assertThat(FileCommands.parseKeyValue(null, "env")).isEmpty();
    }

    @Test
    void fileCommandsAreNamedAnyOfThreeWays() {
        assertThat(FileCommand.named("set-output")).isEqualTo(FileCommand.OUTPUT);
        assertThat(FileCommand.named("GITHUB_STATE")).isEqualTo(FileCommand.STATE);
        assertThat(FileCommand.named("env")).isEqualTo(FileCommand.ENV);
        assertThatThrownBy(() -> FileCommand.named("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeOptionsIsRefusedFromGithubEnv() {
        assertThat(FileCommands.envRefusal("NODE_OPTIONS"))
                .isEqualTo("Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
        assertThat(FileCommands.envRefusal("node_options")).isNotNull();
        assertThat(FileCommands.envRefusal("NODE_ENV")).isNull();
    }

    @Test
    void pathFileHasOneDirectoryPerNonEmptyLine() throws Exception {
        String content = written("""
                echo "/opt/a/bin" >> "$FILE"
                echo "" >> "$FILE"
                printf '/opt/b/bin\\r\\n' >> "$FILE"
                echo "$HOME/.local/bin" >> "$FILE"
                echo " /opt/spaced " >> "$FILE"
                """);
        assertThat(FileCommands.parsePath(content)).containsExactly("/opt/a/bin", "/opt/b/bin",
                System.getenv("HOME") + "/.local/bin", " /opt/spaced ");
        assertThat(FileCommands.parsePath("")).isEmpty();
    }

    @Test
    void aDirectoryAddedAgainMovesToTheFrontOfPath() {
        List<String> prepended = FileCommands.prependPath(List.of(), List.of("/a", "/b"));
        prepended = FileCommands.prependPath(prepended, List.of("/c", "/a"));
        assertThat(prepended).containsExactly("/b", "/c", "/a");
        assertThat(FileCommands.pathVariable(prepended, "/usr/bin:/bin")).isEqualTo("/a:/c:/b:/usr/bin:/bin");
        assertThat(FileCommands.pathVariable(List.of(), "/usr/bin")).isEqualTo("/usr/bin");
        assertThat(FileCommands.pathVariable(List.of("/x"), "")).isEqualTo("/x");
    }

    @Test
    void aStepSummaryAboveOneMebibyteIsRefused() {
        assertThat(FileCommands.SUMMARY_LIMIT).isEqualTo(1_048_576);
        assertThat(FileCommands.summaryRefusal(0)).isNull();
        assertThat(FileCommands.summaryRefusal(1_048_576)).isNull();
        assertThat(FileCommands.summaryRefusal(3 * 1_048_576 / 2)).isEqualTo("$GITHUB_STEP_SUMMARY upload aborted, "
                + "supports content up to a size of 1024k, got 1536k. For more information see: "
                + "https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary");
    }
}
