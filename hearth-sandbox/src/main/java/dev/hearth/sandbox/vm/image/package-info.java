/**
 * The guest a VM boots: {@link dev.hearth.sandbox.vm.image.GuestImageBuilder} makes a kernel and an
 * initramfs from Debian packages (the cloud kernel, busybox-static, the virtio modules the guest
 * needs, resolved from each module's own dependency list) plus the Hearth agent and an {@code /init}
 * that runs the agent on the virtio-serial port {@code agent0}; alone, that guest has a busybox shell
 * only. {@link dev.hearth.sandbox.vm.image.RootfsBuilder} makes the full guest's root filesystem
 * (debootstrap bookworm minbase plus bash, git, ca-certificates, curl, nodejs, python3) as a raw ext4
 * image; a VM attaches it read-only and the same {@code /init}, told {@code hearth.root=1}, runs the
 * agent in it under a memory overlay. Images are cached by the hash of their recipe and assembled
 * aside, then renamed into place, so a cached image is always whole.
 */
package dev.hearth.sandbox.vm.image;
