package dev.hearth.sandbox.vm.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.process.Executables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a real guest image from Debian packages into a fresh cache, then finds it there. */
class GuestImageBuilderTest {
    @TempDir
    Path temp;

    private static DebianPackages.Package KERNEL;

    static void assumeApt() {
        Assumptions.assumeTrue(Executables.find("apt-cache").isPresent() && Executables.find("apt-get").isPresent()
                && Executables.find("dpkg-deb").isPresent(), "no apt-cache/apt-get/dpkg-deb: not a Debian host");
        try {
            KERNEL = new DebianPackages(Path.of("/nonexistent")).resolve(
                    List.of(GuestImageBuilder.KERNEL_METAPACKAGE + ">linux-image-", GuestImageBuilder.BUSYBOX),
                    GuestImageBuilder.defaultRoot().resolve("apt-resolution.txt")).getFirst();
        } catch (SandboxException e) {
            Assumptions.abort("apt cannot provide the guest's packages here: " + e.getMessage());
        }
    }

    @Test
    void buildsOnceThenFindsTheImageInTheCache() throws Exception {
        assumeApt();
        // Fetched packages are shared with other runs; the images themselves go to a fresh folder.
        GuestImageBuilder builder = new GuestImageBuilder(temp.resolve("images"), GuestImageBuilder.defaultRoot().resolve("packages"));

        GuestImageBuilder.Result first = builder.build();
        GuestImageBuilder.Result second = builder.build();
        System.out.printf("image build: %d ms, then from the cache: %d ms%n", first.took().toMillis(), second.took().toMillis());

        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.image()).isEqualTo(first.image());
        GuestImage image = first.image();
        assertThat(image.kernelRelease()).endsWith("-cloud-amd64");
        assertThat(Files.size(image.kernel())).isGreaterThan(1_000_000);
        try (var listing = Files.list(temp.resolve("images"))) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList())
                    .as("no half-built folder is left").contains(image.directory().getFileName().toString())
                    .noneMatch(name -> name.startsWith("building-"));
        }

        List<String> names = cpioNames(Files.readAllBytes(image.initrd()));
        assertThat(names).contains("init", "bin/busybox", "bin/sh", "sbin/hearth-agent", "dev/console", "etc/hearth/modules.sh")
                .anyMatch(n -> n.endsWith("/virtio_console.ko"))
                .anyMatch(n -> n.endsWith("/virtio_ring.ko"));
        String modules = cpioFile(Files.readAllBytes(image.initrd()), "etc/hearth/modules.sh");
        // What a module needs is loaded before it.
        String base = modules.lines().filter(l -> l.startsWith("HEARTH_MODULES_BASE=")).findFirst().orElseThrow();
        assertThat(base.indexOf("virtio_ring:")).isLessThan(base.indexOf("virtio_mmio:"));
        assertThat(base.indexOf("virtio:")).isLessThan(base.indexOf("virtio_console:"));
    }

    @Test
    void moduleDependenciesComeFromTheModulesThemselves() throws Exception {
        assumeApt();
        Path downloads = GuestImageBuilder.defaultRoot().resolve("packages");
        DebianPackages packages = new DebianPackages(downloads);
        Path deb = packages.download(KERNEL);
        DebianPackages.extract(deb, temp.resolve("k"));
        Path modulesRoot;
        try (var releases = Files.list(temp.resolve("k/lib/modules"))) {
            modulesRoot = releases.findFirst().orElseThrow();
        }
        KernelModules modules = KernelModules.index(modulesRoot);
        List<String> order = modules.loadOrder("vmw_vsock_virtio_transport");
        assertThat(order).last().isEqualTo("vmw_vsock_virtio_transport");
        assertThat(order).contains("vsock", "vmw_vsock_virtio_transport_common", "virtio", "virtio_ring");
        assertThat(order.indexOf("vsock")).isLessThan(order.indexOf("vmw_vsock_virtio_transport_common"));
        assertThat(modules.loadOrder("virtio_net")).contains("net_failover", "failover");
    }

    /** The names in a gzip newc archive, read here independently of the writer. */
    private static List<String> cpioNames(byte[] gz) throws IOException {
        List<String> names = new ArrayList<>();
        read(gz, (name, data) -> names.add(name));
        return names;
    }

    private static String cpioFile(byte[] gz, String wanted) throws IOException {
        StringBuilder found = new StringBuilder();
        read(gz, (name, data) -> {
            if (name.equals(wanted)) {
                found.append(new String(data, StandardCharsets.UTF_8));
            }
        });
        return found.toString();
    }

    private interface Entry {
        void accept(String name, byte[] data);
    }

    private static void read(byte[] gz, Entry entry) throws IOException {
        byte[] all;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            all = in.readAllBytes();
        }
        int at = 0;
        while (true) {
            String header = new String(all, at, 110, StandardCharsets.US_ASCII);
            assertThat(header).startsWith("070701");
            int size = Integer.parseInt(header.substring(54, 62), 16);
            int nameSize = Integer.parseInt(header.substring(94, 102), 16);
            String name = new String(all, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            int data = align(at + 110 + nameSize);
            if (name.equals("TRAILER!!!")) {
                return;
            }
            entry.accept(name, java.util.Arrays.copyOfRange(all, data, data + size));
            at = align(data + size);
        }
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }
}
