package dev.hearth.engine.step;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellsTest {
    @Test
    void githubsCommandLines() {
        assertThat(Shells.resolve("bash", true, "python").argv("/t/s.sh"))
                .containsExactly("bash", "--noprofile", "--norc", "-eo", "pipefail", "/t/s.sh");
        assertThat(Shells.resolve(null, true, "python").argv("/t/s.sh")).containsExactly("bash", "-e", "/t/s.sh");
        assertThat(Shells.resolve(null, false, "python").argv("/t/s.sh")).containsExactly("sh", "-e", "/t/s.sh");
        assertThat(Shells.resolve("sh", true, "python").argv("/t/s.sh")).containsExactly("sh", "-e", "/t/s.sh");
        Shells.Shell py = Shells.resolve("python", true, "python3");
        assertThat(py.argv("/t/s.py")).containsExactly("python3", "/t/s.py");
        assertThat(py.extension()).isEqualTo(".py");
        assertThat(Shells.resolve("pwsh", true, "python").argv("/t/s.ps1")).containsExactly("pwsh", "-command", ". '/t/s.ps1'");
    }

    @Test
    void customTemplatesKeepQuotedWordsTogether() {
        Shells.Shell s = Shells.resolve("bash -c \"echo hi; . {0}\" --extra", true, "python");
        assertThat(s.argv("/x")).containsExactly("bash", "-c", "echo hi; . /x", "--extra");
        assertThat(Shells.resolve("python3 -u {0}", true, "python").extension()).isEqualTo(".py");
        assertThat(Shells.split("a 'b c'  d")).isEqualTo(List.of("a", "b c", "d"));
    }

    @Test
    void refusesWhatCannotRunHere() {
        assertThatThrownBy(() -> Shells.resolve("cmd", true, "python")).hasMessageContaining("only available on Windows");
        assertThatThrownBy(() -> Shells.resolve("perl", true, "python")).hasMessageContaining("must contain {0}");
    }
}
