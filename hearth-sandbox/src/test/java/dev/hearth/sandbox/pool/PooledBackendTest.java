package dev.hearth.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.host.HostBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool over real host sandboxes. */
class PooledBackendTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
    private static final PooledBackend.Shape SHAPE =
            new PooledBackend.Shape("default", NetworkPolicy.NONE, ResourceLimits.NONE);

    @TempDir
    Path temp;

    /** The host backend, remembering what it was asked to make; failing while {@code broken} is set. */
    private static final class Recording implements SandboxBackend {
        final SandboxBackend host = new HostBackend();
        final List<SandboxSpec> asked = new CopyOnWriteArrayList<>();
        final List<Sandbox> made = new CopyOnWriteArrayList<>();
        final AtomicBoolean broken = new AtomicBoolean();

        @Override
        public BackendInfo info() {
            return host.info();
        }

        @Override
        public Availability availability() {
            return host.availability();
        }

        @Override
        public Sandbox create(SandboxSpec spec) throws SandboxException {
            asked.add(spec);
            if (broken.get()) {
                throw new SandboxException("broken on purpose");
            }
            Sandbox s = host.create(spec);
            made.add(s);
            return s;
        }
    }

    private static String sh(Sandbox sandbox, String script) throws Exception {
        CollectedOutput out = new CollectedOutput();
        sandbox.exec(new ExecRequest(List.of("sh", "-c", script), Map.of(), sandbox.workRoot(), null), out);
        return out.text();
    }

    @Test
    void handsOutSandboxesMadeAheadOnceEachWithTheRequestsEnvironment() throws Exception {
        Recording backend = new Recording();
        try (PooledBackend pool = new PooledBackend(backend, 2, temp.resolve("pool"))) {
            pool.warm(SHAPE);
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.readyCount(SHAPE) == 2);
            assertThat(backend.asked).allSatisfy(spec -> assertThat(spec.env()).isEmpty());

            Map<String, String> env = new java.util.HashMap<>(PATH);
            env.put("SECRET_TOKEN", "s3cr3t");
            Sandbox first = pool.create(SandboxSpec.of("wf-1", temp.resolve("wf-1")).withEnv(env));
            Sandbox second = pool.create(SandboxSpec.of("wf-2", temp.resolve("wf-2")).withEnv(PATH));
            assertThat(first.name()).isEqualTo("wf-1");
            assertThat(first.workRoot()).isNotEqualTo(second.workRoot());
            assertThat(backend.made.stream().map(Sandbox::workRoot))
                    .contains(first.workRoot(), second.workRoot());
            assertThat(sh(first, "echo $SECRET_TOKEN")).isEqualTo("s3cr3t\n");
            assertThat(sh(second, "echo ${SECRET_TOKEN:-none}")).isEqualTo("none\n");
            // none of what was made ahead ever saw the request's environment
            assertThat(backend.asked).allSatisfy(spec -> assertThat(spec.env()).isEmpty());

            await().atMost(Duration.ofSeconds(20)).until(() -> pool.readyCount(SHAPE) == 2);
            first.destroy();
            second.destroy();
            assertThat(Files.exists(Path.of(first.workRoot()))).isFalse();
        }
        assertThat(backend.made).allSatisfy(s -> assertThat(s.isDestroyed()).isTrue());
        assertThat(temp.resolve("pool")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void makesOneAtOnceWhenNoneIsReadyAndGoesOnAfterFailures() throws Exception {
        Recording backend = new Recording();
        backend.broken.set(true);
        try (PooledBackend pool = new PooledBackend(backend, 1, temp.resolve("pool"))) {
            assertThatThrownBy(() -> pool.create(SandboxSpec.of("cold", temp.resolve("cold")).withEnv(PATH)))
                    .isInstanceOf(SandboxException.class).hasMessageContaining("broken on purpose");
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.asked.size() == 2); // the background try
            assertThat(pool.readyCount(SHAPE)).isZero();

            backend.broken.set(false);
            Sandbox cold = pool.create(SandboxSpec.of("cold", temp.resolve("cold")).withEnv(PATH));
            assertThat(cold.workRoot()).isEqualTo(temp.resolve("cold").toString()); // made for the request
            assertThat(sh(cold, "echo made")).isEqualTo("made\n");
            cold.destroy();
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.readyCount(SHAPE) == 1);
        }
    }

    @Test
    void neverHandsOutADestroyedSandboxAndClosesWhatWaits() throws Exception {
        Recording backend = new Recording();
        PooledBackend pool = new PooledBackend(backend, 1, temp.resolve("pool"));
        pool.warm(SHAPE);
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.readyCount(SHAPE) == 1);
        Sandbox waiting = backend.made.getFirst();
        waiting.destroy(); // e.g. its VM died while it waited

        Sandbox fresh = pool.create(SandboxSpec.of("after", temp.resolve("after")).withEnv(PATH));
        assertThat(fresh.isDestroyed()).isFalse();
        assertThat(sh(fresh, "echo alive")).isEqualTo("alive\n");
        fresh.destroy();

        await().atMost(Duration.ofSeconds(20)).until(() -> pool.readyCount(SHAPE) == 1);
        pool.close();
        assertThat(backend.made).allSatisfy(s -> assertThat(s.isDestroyed()).isTrue());
        int asked = backend.asked.size();
        assertThatThrownBy(() -> pool.create(SandboxSpec.of("late", temp.resolve("late"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(backend.asked).hasSize(asked);
    }
}
