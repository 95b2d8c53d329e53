package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.agent.AgentSandbox;
import dev.hearth.sandbox.bwrap.BwrapBackend;
import dev.hearth.sandbox.pool.PooledBackend;
import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's bench, in one run: time to first command for a cold boot, a restore and a warm pool;
 * one command's cost through a VM's agent against the same command under bubblewrap; memory of an
 * idle VM. Prints the figures; asserts only that every command ran. Run it with
 * {@code ./mvnw -q -pl hearth-sandbox -am test -Dtest=VmBench -Dsurefire.failIfNoSpecifiedTests=false
 * -DexcludedGroups=none -Dgroups=load}.
 */
@Tag("load")
class VmBench {
    private static final Map<String, String> PATH = Map.of("PATH", "/bin:/sbin:/usr/bin:/usr/sbin");
    private static final PooledBackend.Shape SHAPE =
            new PooledBackend.Shape("default", NetworkPolicy.NONE, ResourceLimits.NONE);

    @TempDir
    Path temp;
    private int made;

    private SandboxSpec spec() {
        String name = "bench-" + made++;
        return SandboxSpec.of(name, temp.resolve(name)).withEnv(PATH);
    }

    private static QemuBackend qemu(QemuBackend.Start start) {
        return new QemuBackend(new QemuBackend.Settings(VmOptions.defaults(), start, GuestImageBuilder.inUserCache(),
                AgentSandbox.DEFAULT_OUTPUT_LIMIT));
    }

    private static void run(Sandbox sandbox, String... argv) throws Exception {
        CollectedOutput out = new CollectedOutput();
        assertThat(sandbox.exec(new ExecRequest(List.of(argv), Map.of(), sandbox.workRoot(), null), out).code())
                .as(out.errorText()).isZero();
    }

    /** Milliseconds from asking the backend for a sandbox to the end of its first command; the sandbox is destroyed. */
    private double firstCommand(SandboxBackend backend) throws Exception {
        long t0 = System.nanoTime();
        Sandbox s = backend.create(spec());
        try {
            run(s, "true");
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            s.destroy();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String figures(List<Double> values) {
        return String.format("median %.0f ms (%s)", median(values),
                String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList()));
    }

    /** Median milliseconds of one {@code true} command, over {@code n} after a few unmeasured. */
    private static double perCommand(Sandbox sandbox, int n) throws Exception {
        for (int i = 0; i < 5; i++) {
            run(sandbox, "true");
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            run(sandbox, "true");
            times.add((System.nanoTime() - t0) / 1e6);
        }
        return median(times);
    }

    /** The proportional set size of the only QEMU running, in MiB (its share of pages it maps). */
    private static double qemuPssMib() throws Exception {
        List<Long> qemus = ProcFs.withCommandLineContaining("qemu-system-x86_64");
        assertThat(qemus).hasSize(1);
        for (String line : Files.readAllLines(Path.of("/proc", qemus.getFirst().toString(), "smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no Pss in smaps_rollup");
    }

    @Test
    @SuppressWarnings("try")
    void vmStartCommandCostAndMemory() throws Exception {
        TestGuest.image();
        QemuBackend restore = qemu(QemuBackend.Start.RESTORE);
        QemuBackend boot = qemu(QemuBackend.Start.BOOT);
        restore.create(spec()).destroy(); // the saved state exists before anything is measured

        List<Double> cold = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cold.add(firstCommand(boot));
        }
        List<Double> restored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            restored.add(firstCommand(restore));
        }
        List<Double> pooled = new ArrayList<>();
        try (PooledBackend pool = new PooledBackend(restore, 1, temp.resolve("pool"))) {
            pool.warm(SHAPE);
            for (int i = 0; i < 7; i++) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (pool.readyCount(SHAPE) < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300); // let the refill's boot settle; a pool's VMs wait idle for their workflow
                pooled.add(firstCommand(pool));
            }
        }

        List<Double> fullRestored = new ArrayList<>();
        if (dev.hearth.sandbox.vm.image.RootfsBuilder.inUserCache().cached().isPresent()) {
            QemuBackend full = new QemuBackend(new QemuBackend.Settings(VmOptions.defaults(), QemuBackend.Start.RESTORE,
                    GuestImageBuilder.inUserCache(), AgentSandbox.DEFAULT_OUTPUT_LIMIT, new QemuBackend.Guest.Full()));
            full.create(spec()).destroy(); // its saved state
            for (int i = 0; i < 5; i++) {
                fullRestored.add(firstCommand(full));
            }
        }

        double vmCommand;
        double bootedPss;
        double restoredPss;
        try (Sandbox vm = boot.create(spec())) {
            vmCommand = perCommand(vm, 50);
            Thread.sleep(2000);
            bootedPss = qemuPssMib();
        }
        try (Sandbox vm = restore.create(spec())) {
            Thread.sleep(2000);
            restoredPss = qemuPssMib();
        }
        double bwrapCommand = Double.NaN;
        BwrapBackend bwrap = new BwrapBackend();
        if (bwrap.availability().available()) {
            try (Sandbox b = bwrap.create(SandboxSpec.of("bench-bwrap", temp.resolve("bwrap"))
                    .withEnv(Map.of("PATH", "/usr/bin:/bin")))) {
                bwrapCommand = perCommand(b, 50);
            }
        }
        System.out.println("vm bench (accelerator " + QemuVm.accelerator(TestGuest.image(), VmOptions.defaults())
                + ", " + VmOptions.defaults().memoryMib() + " MiB, " + VmOptions.defaults().cpus() + " vCPU):");
        System.out.println("  first command, cold boot:   " + figures(cold));
        System.out.println("  first command, restore:     " + figures(restored));
        System.out.println("  first command, warm pool:   " + figures(pooled));
        System.out.println("  first command, restore of the full Debian guest: "
                + (fullRestored.isEmpty() ? "its root filesystem is not built" : figures(fullRestored)));
        System.out.printf("  one 'true' command: %.2f ms through the VM's agent, %.2f ms under bwrap (median of 50)%n",
                vmCommand, bwrapCommand);
        System.out.printf("  memory of an idle VM (QEMU's PSS): %.0f MiB booted, %.0f MiB restored%n", bootedPss,
                restoredPss);
    }
}
