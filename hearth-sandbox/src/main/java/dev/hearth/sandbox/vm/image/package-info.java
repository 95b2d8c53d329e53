/**
 * The guest a VM boots: {@link dev.hearth.sandbox.vm.image.GuestImageBuilder} makes a kernel and an
 * initramfs from Debian packages (the cloud kernel, busybox-static, the virtio modules the guest
 * needs, resolved from each module's own dependency list) plus the Hearth agent and an {@code /init}
 * that runs the agent on the virtio-serial port {@code agent0}. Images are cached by the hash of
 * their recipe and assembled aside, then renamed into place, so a cached image is always whole. The
 * full root filesystem (debootstrap) is not built yet: this guest has a busybox shell only.
 */
package dev.hearth.sandbox.vm.image;
