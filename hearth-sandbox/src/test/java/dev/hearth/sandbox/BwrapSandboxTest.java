package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.bwrap.BwrapBackend;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BwrapSandboxTest extends SandboxContract {

    @BeforeAll
    static void needsBwrap() {
        Availability availability = new BwrapBackend().availability();
        assumeTrue(availability.available(), "bwrap does not work here: " + availability.reason());
    }

    @Override
    SandboxBackend backend() {
        return new BwrapBackend();
    }

    @Test
    void describesItself() {
        assertThat(sandbox.info().isolation()).isEqualTo(BackendInfo.Isolation.NAMESPACE);
        assertThat(sandbox.info().capabilities()).contains(BackendInfo.Capability.NETWORK_POLICY);
        assertThat(backend().availability().reason()).contains("bwrap");
    }

    @Test
    void rootFileSystemIsReadOnly() throws Exception {
        Result result = sh("touch /usr/hearth-should-not-exist");
        assertThat(result.status().success()).isFalse();
        assertThat(result.stderr()).contains("Read-only file system");
        assertThat(Path.of("/usr/hearth-should-not-exist")).doesNotExist();
    }

    @Test
    void tmpIsPrivate() throws Exception {
        String name = "hearth-private-" + UUID.randomUUID();
        Path hostFile = Path.of("/tmp", name + "-host");
        Files.writeString(hostFile, "host");
        try {
            assertThat(sh("test -e " + hostFile).status().code()).as("host /tmp seen inside").isEqualTo(1);
            assertThat(sh("echo inside > /tmp/" + name + " && cat /tmp/" + name).stdout()).isEqualTo("inside\n");
            assertThat(Path.of("/tmp", name)).doesNotExist();
            assertThat(sh("cat /tmp/" + name).stdout()).as("kept between commands").isEqualTo("inside\n");
        } finally {
            Files.deleteIfExists(hostFile);
        }
    }

    @Test
    void workingDirectoryOutsideTheWorkRootIsMadeInsideTheSandbox() throws Exception {
        String cwd = "/tmp/hearth-cwd-" + UUID.randomUUID() + "/x";
        assertThat(run(ExecRequest.of(cwd, "pwd").withEnv(PATH)).stdout()).isEqualTo(cwd + "\n");
        assertThat(Path.of(cwd)).doesNotExist();
        assertThatThrownBy(() -> run(ExecRequest.of("/usr/hearth-no-such-dir", "pwd").withEnv(PATH)))
                .isInstanceOf(SandboxException.class).hasMessageContaining("/usr/hearth-no-such-dir");
    }

    @Test
    void hasNoNetworkButLoopback() throws Exception {
        assertThat(interfaces(sh("cat /proc/net/dev").stdout())).containsExactly("lo");
    }

    @Test
    void sharesTheHostNetworkWhenAsked() throws Exception {
        sandbox.destroy();
        sandbox = backend().create(SandboxSpec.of("net", temp.resolve("net")).withEnv(PATH)
                .withNetwork(NetworkPolicy.HOST));
        Set<String> host = interfaces(Files.readString(Path.of("/proc/net/dev")));
        assertThat(interfaces(sh("cat /proc/net/dev").stdout())).isEqualTo(host);
    }

    @Test
    void hasItsOwnHostnameAndProcesses() throws Exception {
        assertThat(sh("hostname").stdout().strip()).isEqualTo("hearth").isNotEqualTo(InetAddress.getLocalHost().getHostName());
        // Only the sandbox's own processes are visible: bwrap's pid 1, the init, and this command's.
        List<String> pids = Arrays.stream(sh("ls /proc").stdout().split("\n"))
                .filter(name -> name.chars().allMatch(Character::isDigit)).toList();
        assertThat(pids.size()).isLessThan(10);
        assertThat(pids).contains("1", "2");
    }

    private static Set<String> interfaces(String procNetDev) {
        return Arrays.stream(procNetDev.split("\n"))
                .filter(line -> line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')).strip())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void failsClearlyWhenTheHostDirectoryCannotBeMade() throws Exception {
        Path file = temp.resolve("not-a-directory");
        Files.writeString(file, "x");
        int live = Sandboxes.live().size();
        assertThatThrownBy(() -> backend().create(SandboxSpec.of("broken", file.resolve("sub"))))
                .isInstanceOf(SandboxException.class).hasMessageContaining("cannot create the sandbox directory");
        assertThat(Sandboxes.live()).hasSize(live);
    }
}
