package dev.hearth.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxMarkerTest {

    @Test
    void findsAndKillsExactlyTheProcessesCarryingIt() throws Exception {
        SandboxMarker marker = SandboxMarker.fresh();
        SandboxMarker prefix = new SandboxMarker(marker.value().substring(0, 8));
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", "sleep 1000 & sleep 1000"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(SandboxMarker.VARIABLE, marker.value());
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> marker.processes().size() >= 2);
            assertThat(marker.processes()).contains(process.pid());
            assertThat(prefix.processes()).as("a marker only matches whole").isEmpty();
            marker.killAll();
            assertThat(process.waitFor()).isEqualTo(137);
            await().atMost(Duration.ofSeconds(10)).until(() -> marker.processes().isEmpty());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void refusesValuesThatCouldBreakTheReaperProtocol() {
        assertThatThrownBy(() -> new SandboxMarker("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxMarker("x\n+g 1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxMarker.fresh().environmentEntry()).startsWith("HEARTH_SANDBOX_ID=");
    }
}
