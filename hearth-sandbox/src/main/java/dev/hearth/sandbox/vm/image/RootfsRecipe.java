package dev.hearth.sandbox.vm.image;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the root filesystem image is made from: debootstrap's suite and variant and the packages it
 * adds. The mirror is left out on purpose: the same suite from another mirror is the same system, so
 * moving a host to another mirror keeps its image. The hash names the image's folder in the cache.
 *
 * @param suite    the Debian release, e.g. bookworm
 * @param variant  debootstrap's variant, e.g. minbase
 * @param packages the packages added to the variant's set, sorted
 */
record RootfsRecipe(String suite, String variant, List<String> packages) {
    /** Bumped when the way the image is made changes while the inputs above do not. */
    static final int FORMAT = 1;

    RootfsRecipe {
        packages = packages.stream().sorted().distinct().toList();
    }

    /** The recipe as text: stored beside the image, and what its hash is computed from. */
    String describe() {
        return "rootfs-format=" + FORMAT + "\nsuite=" + suite + "\nvariant=" + variant + "\npackages="
                + String.join(",", packages) + "\n";
    }

    String hash() {
        return ImageRecipe.sha256(describe().getBytes(StandardCharsets.UTF_8));
    }
}
