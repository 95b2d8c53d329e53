package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvTest {

    @Test
    void namesValuesCommentsAndQuotes() throws Exception {
        Map<String, String> v = Dotenv.parse("""
                # a comment
                TOKEN=abc123

                export REGION = eu-west-1   # trailing comment
                URL=https://example.com/a#b
                HASH=#starts-with-a-hash
                EMPTY=
                SINGLE='literal \\n $HOME # kept'
                DOUBLE="line1\\nline2 \\"quoted\\" \\\\ end"  # comment
                SPACES="  padded  "
                EQUALS=a=b=c
                TOKEN=last wins
                """, "s");
        assertThat(v).containsExactly(
                Map.entry("TOKEN", "last wins"),
                Map.entry("REGION", "eu-west-1"),
                Map.entry("URL", "https://example.com/a#b"),
                Map.entry("HASH", "#starts-with-a-hash"),
                Map.entry("EMPTY", ""),
                Map.entry("SINGLE", "literal \\n $HOME # kept"),
                Map.entry("DOUBLE", "line1\nline2 \"quoted\" \\ end"),
                Map.entry("SPACES", "  padded  "),
                Map.entry("EQUALS", "a=b=c"));
    }

    @Test
    void quotedValuesSpanLines() throws Exception {
        Map<String, String> v = Dotenv.parse("KEY=\"-----BEGIN KEY-----\r\n  abc  \r\n-----END KEY-----\"\r\nNEXT=1\r\n", "s");
        assertThat(v).containsExactly(Map.entry("KEY", "-----BEGIN KEY-----\n  abc  \n-----END KEY-----"),
                Map.entry("NEXT", "1"));
        assertThat(Dotenv.parse("A='x\ny'", "s")).containsEntry("A", "x\ny");
    }

    @Test
    void byteOrderMarkIsIgnored() throws Exception {
        assertThat(Dotenv.parse("\ufeffA=1", "s")).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertThatThrownBy(() -> Dotenv.parse("A=1\njust words\n", ".secrets"))
                .hasMessage(".secrets:2: expected NAME=VALUE, found 'just words'");
        assertThatThrownBy(() -> Dotenv.parse("=1", "f")).hasMessage("f:1: '' is not a name");
        assertThatThrownBy(() -> Dotenv.parse("MY KEY=1", "f")).hasMessage("f:1: 'MY KEY' is not a name");
        assertThatThrownBy(() -> Dotenv.parse("A=1\nB=\"open\nstill open\n", "f"))
                .hasMessage("f:2: the value of B has no closing \"");
        assertThatThrownBy(() -> Dotenv.parse("A='x' y", "f")).hasMessage("f:1: unexpected text after the closing quote: 'y'");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve(".secrets"), "PASSWORD=\"s3cr\u00e9t\"\n");
        assertThat(Dotenv.read(f)).containsExactly(Map.entry("PASSWORD", "s3cr\u00e9t"));
    }
}
