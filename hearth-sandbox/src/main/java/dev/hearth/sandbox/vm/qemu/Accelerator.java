package dev.hearth.sandbox.vm.qemu;

/** How QEMU runs the guest's CPU: hardware virtualisation, or emulation. */
public enum Accelerator {
    /** Hardware virtualisation through /dev/kvm. */
    KVM("kvm"),
    /** QEMU's own code generator: slower, works everywhere. */
    TCG("tcg");

    private final String option;

    Accelerator(String option) {
        this.option = option;
    }

    /** The value of QEMU's {@code -accel}. */
    public String option() {
        return option;
    }
}
