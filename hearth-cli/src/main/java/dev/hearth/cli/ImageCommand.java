package dev.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.vm.image.GuestImage;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import dev.hearth.sandbox.vm.image.RootfsBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth image}: the guest images the microVM backends boot. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Builds the guest the microVM backends boot.",
        subcommands = ImageCommand.Build.class)
final class ImageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hearth image build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {
                "Builds the guest image from Debian packages fetched with apt: the cloud kernel",
                "(linux-image-*-cloud-amd64), an initramfs with busybox-static, the virtio modules and the",
                "Hearth agent. It is cached in $XDG_CACHE_HOME/hearth/images (or ~/.cache/hearth/images)",
                "and built again only when its recipe changes (packages, agent, init script, modules).",
                "That guest has a busybox shell only. With --rootfs it also makes the full guest's root",
                "filesystem: debootstrap bookworm (minbase plus bash, git, ca-certificates, curl, nodejs,",
                "python3) from apt's mirror, as a read-only ext4 image in the same folder (rootfs-<hash>/).",
                "That needs root and debootstrap, and takes minutes the first time; progress goes to stderr.",
                "Exit codes: 0 built or found, 1 the build failed."
            })
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Option(names = "--rootfs", description = "Also build the root filesystem image (debootstrap; needs root).")
        boolean rootfs;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GuestImageBuilder.Result result;
            RootfsBuilder.Result root = null;
            try {
                result = GuestImageBuilder.inUserCache().build();
                if (rootfs) {
                    root = RootfsBuilder.inUserCache().build(line -> {
                        err.println(line);
                        err.flush();
                    });
                }
            } catch (SandboxException e) {
                if (json) {
                    ObjectNode failure = new ObjectMapper().createObjectNode();
                    failure.put("error", e.getMessage());
                    out.println(failure);
                    out.flush();
                } else {
                    err.println("hearth image build: " + e.getMessage());
                    err.flush();
                }
                return 1;
            }
            GuestImage image = result.image();
            if (json) {
                ObjectNode node = new ObjectMapper().createObjectNode();
                node.put("directory", image.directory().toString());
                node.put("kernel", image.kernel().toString());
                node.put("initrd", image.initrd().toString());
                node.put("kernelRelease", image.kernelRelease());
                node.put("recipeHash", image.recipeHash());
                node.put("cached", result.cached());
                node.put("millis", result.took().toMillis());
                if (root != null) {
                    ObjectNode rootNode = node.putObject("rootfs");
                    rootNode.put("image", root.image().file().toString());
                    rootNode.put("recipeHash", root.image().recipeHash());
                    rootNode.put("cached", root.cached());
                    rootNode.put("millis", root.took().toMillis());
                }
                out.println(node);
            } else {
                out.printf("%s guest image %s (kernel %s) in %s%n", result.cached() ? "cached" : "built",
                        image.recipeHash().substring(0, 16), image.kernelRelease(), image.directory());
                out.printf("  kernel: %s%n  initrd: %s%n", image.kernel(), image.initrd());
                if (root != null) {
                    out.printf("%s root filesystem %s%n  rootfs: %s%n", root.cached() ? "cached" : "built",
                            root.image().recipeHash().substring(0, 16), root.image().file());
                }
            }
            out.flush();
            return 0;
        }
    }
}
