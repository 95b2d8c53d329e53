package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.vm.image.GuestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QEMU's command line with and without the root filesystem image, and how the image keys saved states. */
class QemuCommandTest {
    @TempDir
    Path temp;

    private List<String> argv(VmOptions options) {
        GuestImage image = new GuestImage(temp, temp.resolve("vmlinuz"), temp.resolve("initrd.img"), "6.1.0-test", "abc");
        return QemuCommand.argv(Path.of("/usr/bin/qemu-system-x86_64"), image, options, Accelerator.TCG,
                new VmFolder(temp.resolve("vm")), null);
    }

    private static String after(List<String> argv, String option) {
        return argv.get(argv.indexOf(option) + 1);
    }

    @Test
    void theSmallGuestHasNoDiskAndNoRootSwitch() {
        List<String> argv = argv(VmOptions.defaults());
        assertThat(argv).doesNotContain("-drive");
        assertThat(after(argv, "-append")).doesNotContain("hearth.root");
    }

    @Test
    void theRootImageIsAttachedReadOnlyAndTheGuestToldToUseIt() throws Exception {
        Path root = Files.createDirectories(temp.resolve("a,b")).resolve("rootfs.ext4");
        Files.write(root, new byte[4096]);
        List<String> argv = argv(VmOptions.defaults().withRootImage(root));
        assertThat(after(argv, "-drive")).isEqualTo("file=" + temp.resolve("a,,b/rootfs.ext4") + ",if=none,id=root,format=raw,readonly=on");
        assertThat(after(argv, "-drive")).as("a comma in the path is doubled, as QEMU's option syntax wants").contains("a,,b");
        assertThat(argv).containsSubsequence("-device", "virtio-blk-device,drive=root");
        assertThat(after(argv, "-append")).endsWith(" hearth.root=1").contains("tsc_early_khz=2000000");
    }

    @Test
    void theRootImageKeyFollowsTheFileNotOnlyItsPath() throws Exception {
        Path root = temp.resolve("rootfs.ext4");
        Files.write(root, new byte[4096]);
        VmOptions options = VmOptions.defaults().withRootImage(root);
        assertThat(VmOptions.defaults().rootImageKey()).isEqualTo("none");
        String key = options.rootImageKey();
        assertThat(key).startsWith("root-").isEqualTo(options.withMemoryMib(512).rootImageKey());
        // rebuilt in place: a saved guest's cached blocks of the old image would not match it
        Files.write(root, new byte[8192]);
        Files.setLastModifiedTime(root, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(options.rootImageKey()).isNotEqualTo(key);
        assertThat(options.withRootImage(null).rootImage()).isNull();
        assertThat(options.withCpus(2).rootImage()).isEqualTo(root);
    }
}
