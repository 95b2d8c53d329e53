package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.files.Trees;
import dev.hearth.sandbox.process.Executables;
import dev.hearth.sandbox.process.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides between KVM and emulation. {@code /dev/kvm} existing is not enough: under nested
 * virtualisation here a KVM guest passes real mode, protected mode and even long mode in a few
 * instructions, then hangs in the kernel's decompressor with its vCPU spinning. So the probe boots
 * the guest kernel itself under KVM, with no initramfs, and expects it to print its banner and end
 * in its "no root file system" panic (which {@code panic=-1} and {@code -no-reboot} turn into QEMU's
 * exit) within {@link #BOUND_MS}; a real KVM does that in well under a second.
 *
 * <p>The verdict is kept per JVM and, for later JVMs, in a file keyed by the host's boot id, the QEMU
 * binary and the kernel. {@code -Dhearth.qemu.accel=kvm|tcg} (or {@code HEARTH_QEMU_ACCEL}) overrides it.
 */
final class KvmProbe {
    private static final Logger LOG = LoggerFactory.getLogger(KvmProbe.class);
    static final long BOUND_MS = 5000;

    private static final Object LOCK = new Object();
    private static String decidedFor;
    private static Accelerator decided;

    private KvmProbe() {
    }

    /** The accelerator for guests of {@code kernel}, probing once. */
    static Accelerator choose(Path qemu, Path kernel, Path runRoot) {
        String forced = System.getProperty("hearth.qemu.accel", System.getenv().getOrDefault("HEARTH_QEMU_ACCEL", ""));
        if (!forced.isBlank()) {
            return Accelerator.valueOf(forced.strip().toUpperCase(Locale.ROOT));
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return Accelerator.TCG;
        }
        String key = key(qemu, kernel);
        synchronized (LOCK) {
            if (key.equals(decidedFor)) {
                return decided;
            }
            Path memo = runRoot.resolve("kvm-verdict");
            Accelerator verdict = remembered(memo, key);
            if (verdict == null) {
                verdict = probe(qemu, kernel, runRoot) ? Accelerator.KVM : Accelerator.TCG;
                remember(memo, key, verdict);
            }
            decidedFor = key;
            decided = verdict;
            return verdict;
        }
    }

    private static boolean probe(Path qemu, Path kernel, Path runRoot) {
        Path dir = null;
        Process process = null;
        try {
            VmFolder.ensurePrivateRoot(runRoot);
            dir = Files.createTempDirectory(runRoot, "kvm-probe-");
            Path console = dir.resolve("console.log");
            List<String> argv = List.of(Executables.require("setsid").toString(), qemu.toString(),
                    "-M", "microvm,pit=on,pic=on,rtc=on", "-accel", "kvm", "-cpu", "host",
                    "-nodefaults", "-no-user-config", "-nographic", "-no-reboot", "-m", "128",
                    "-kernel", kernel.toString(), "-append", "console=ttyS0 panic=-1 tsc_early_khz=2000000",
                    "-serial", "file:" + console);
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("qemu.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            boolean ended = process.waitFor(BOUND_MS, TimeUnit.MILLISECONDS);
            String text = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
            boolean works = ended && text.contains("Linux version");
            LOG.info("KVM probe: {} ({})", works ? "KVM runs guests" : "KVM does not run guests here, using emulation (TCG)",
                    ended ? "QEMU ended with " + process.exitValue() : "the guest hung for " + BOUND_MS + " ms");
            return works;
        } catch (IOException | dev.hearth.sandbox.SandboxException e) {
            LOG.info("KVM probe failed to run ({}); using emulation (TCG)", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (process != null && process.isAlive()) {
                Signals.toGroup(process.pid(), Signals.KILL);
                process.destroyForcibly();
                try {
                    process.waitFor(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (dir != null) {
                try {
                    Trees.delete(dir);
                } catch (IOException ignored) {
                    // a small leftover in the private run folder
                }
            }
        }
    }

    private static String key(Path qemu, Path kernel) {
        String boot;
        try {
            boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            boot = "unknown-boot";
        }
        return boot + " " + describe(qemu) + " " + describe(kernel);
    }

    private static String describe(Path file) {
        try {
            return file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return file.toString();
        }
    }

    private static Accelerator remembered(Path memo, String key) {
        try {
            List<String> lines = Files.readAllLines(memo, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(key)) {
                return Accelerator.valueOf(lines.get(1));
            }
        } catch (IOException | IllegalArgumentException e) {
            // none yet, or unreadable: probe
        }
        return null;
    }

    private static void remember(Path memo, String key, Accelerator verdict) {
        try {
            Path tmp = Files.createTempFile(memo.getParent(), "kvm-verdict-", ".tmp");
            Files.writeString(tmp, key + "\n" + verdict.name() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the next JVM probes again
        }
    }
}
