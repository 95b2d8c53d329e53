/**
 * QEMU {@code microvm} virtual machines running a {@link dev.hearth.sandbox.vm.image.GuestImage}:
 * {@link dev.hearth.sandbox.vm.qemu.QemuVm} boots one (or restores one from a saved state), hands
 * back the agent's byte stream once the guest answers a PING over its virtio-serial port, saves its
 * state over QMP, and destroys it with its whole process group. Each VM lives in a private folder
 * (sockets, console log, pid and owner files); a crash of the JVM leaves QEMU to the
 * {@link dev.hearth.sandbox.process.Reaper}, and {@link dev.hearth.sandbox.vm.qemu.QemuVm#sweep} finds and
 * kills what is left of VMs whose owner died. KVM is used only when a bounded probe shows it runs a
 * guest; otherwise QEMU emulates (TCG).
 */
package dev.hearth.sandbox.vm.qemu;
