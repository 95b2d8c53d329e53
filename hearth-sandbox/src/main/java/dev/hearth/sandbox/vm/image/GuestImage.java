package dev.hearth.sandbox.vm.image;

import java.nio.file.Path;

/**
 * A built guest: a kernel and an initramfs that runs the Hearth agent on the virtio-serial port
 * {@value #AGENT_PORT}. Its folder is named by its recipe's hash and never changes once made.
 *
 * @param directory     the image's folder in the cache
 * @param kernel        the kernel ({@code vmlinuz}) to pass to {@code -kernel}
 * @param initrd        the gzip newc initramfs to pass to {@code -initrd}
 * @param kernelRelease the kernel's release, e.g. {@code 6.1.0-50-cloud-amd64}
 * @param recipeHash    the hex SHA-256 of everything the image is made from
 */
public record GuestImage(Path directory, Path kernel, Path initrd, String kernelRelease, String recipeHash) {
    /** The name of the virtio-serial port the guest's agent listens on. */
    public static final String AGENT_PORT = InitScript.AGENT_PORT;

    /** The kernel command-line switch that makes the guest configure QEMU's user-mode network. */
    public static final String NETWORK_SWITCH = "hearth.net=1";
}
