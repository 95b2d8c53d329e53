package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.host.HostBackend;
import dev.hearth.sandbox.process.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostSandboxTest extends SandboxContract {

    @Override
    SandboxBackend backend() {
        return new HostBackend();
    }

    @Test
    void describesItself() {
        assertThat(sandbox.info().isolation()).isEqualTo(BackendInfo.Isolation.PROCESS);
        assertThat(sandbox.name()).isEqualTo("contract");
        assertThat(backend().availability().available()).isTrue();
    }

    @Test
    void eachCommandLeadsItsOwnSessionAndGroup() throws Exception {
        // Through the agent or through setsid (which does not fork when its caller is no group leader),
        // the command leads its own session and group.
        Result result = sh("cut -d' ' -f1,5,6 /proc/$$/stat");
        String[] fields = result.stdout().strip().split(" ");
        assertThat(fields[1]).as("process group").isEqualTo(fields[0]);
        assertThat(fields[2]).as("session").isEqualTo(fields[0]);
        long jvmGroup = ProcFs.processGroup(ProcessHandle.current().pid()).orElseThrow();
        assertThat(Long.parseLong(fields[1])).isNotEqualTo(jvmGroup);
    }

    @Test
    void runsOnTheHostFileSystem() throws Exception {
        Path hostFile = temp.resolve("visible-to-host-commands.txt");
        Files.writeString(hostFile, "shared");
        assertThat(sh("cat " + hostFile).stdout()).isEqualTo("shared");
    }
}
