package dev.hearth.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkRootFilesTest {
    @TempDir
    Path temp;

    Path root;
    WorkRootFiles files;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        files = new WorkRootFiles(root);
    }

    @Test
    void resolvesRelativeAndAbsolutePathsInsideTheRoot() throws Exception {
        assertThat(files.resolve("a/b")).isEqualTo(root.resolve("a/b"));
        assertThat(files.resolve(root + "/a/../c")).isEqualTo(root.resolve("c"));
        assertThat(files.resolve(root.toString())).isEqualTo(root);
        assertThat(files.contains("x/../y")).isTrue();
        assertThat(files.contains("../sibling")).isFalse();
    }

    @Test
    void refusesEscapesByNameAndByLink() throws Exception {
        assertThatThrownBy(() -> files.resolve("../outside")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("outside the sandbox's work root");
        assertThatThrownBy(() -> files.resolve(root + "-sibling/x")).isInstanceOf(SandboxException.class);
        Files.createSymbolicLink(root.resolve("out"), temp);
        assertThatThrownBy(() -> files.writeFile("out/x", new byte[0])).isInstanceOf(SandboxException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.readFile("out/root/../x", 1)).isInstanceOf(SandboxException.class);
        Files.writeString(temp.resolve("secret"), "host secret");
        Files.createSymbolicLink(root.resolve("secret-link"), temp.resolve("secret"));
        assertThatThrownBy(() -> files.readFile("secret-link", 100)).isInstanceOf(SandboxException.class);
        assertThatThrownBy(() -> files.writeFile("secret-link", new byte[] {1})).isInstanceOf(SandboxException.class);
        assertThat(Files.readString(temp.resolve("secret"))).isEqualTo("host secret");
    }

    @Test
    void linksThatStayInsideAreFollowed() throws Exception {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));
        files.writeFile("alias/f.txt", "via alias".getBytes());
        assertThat(Files.readString(root.resolve("real/f.txt"))).isEqualTo("via alias");
    }

    @Test
    void writesThroughADanglingLinkAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("created-by-write"));
        assertThatThrownBy(() -> files.writeFile("dangling", new byte[] {1})).isInstanceOf(SandboxException.class);
        assertThat(temp.resolve("created-by-write")).doesNotExist();
    }

    @Test
    void deletesTreesWithoutFollowingLinksAndDespiteUnwritableDirectories() throws Exception {
        Path keep = Files.writeString(temp.resolve("keep.txt"), "keep");
        Files.createDirectories(root.resolve("locked/inner"));
        Files.writeString(root.resolve("locked/inner/file"), "x");
        Files.createSymbolicLink(root.resolve("locked/link-out"), temp);
        Files.setPosixFilePermissions(root.resolve("locked"), java.util.Set.of());
        Trees.delete(root);
        assertThat(root).doesNotExist();
        assertThat(keep).hasContent("keep");
        Trees.delete(root);
    }
}
