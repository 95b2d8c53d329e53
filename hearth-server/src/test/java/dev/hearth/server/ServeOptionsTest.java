package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {

    @Test
    void readsTheSandboxPoolSize() {
        assertThat(ServeOptions.fromEnvironment(Map.of()).sandboxPool()).isZero();
        assertThat(ServeOptions.fromEnvironment(Map.of("HEARTH_SANDBOX_POOL", " 3 ")).sandboxPool()).isEqualTo(3);
        assertThatThrownBy(() -> ServeOptions.fromEnvironment(Map.of("HEARTH_SANDBOX_POOL", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTH_SANDBOX_POOL");
        assertThatThrownBy(() -> ServeOptions.fromEnvironment(Map.of("HEARTH_SANDBOX_POOL", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 64");
    }

    @Test
    void keepsThePoolSizeThroughItsCopies() {
        ServeOptions o = ServeOptions.fromEnvironment(Map.of("HEARTH_SANDBOX_POOL", "2"));
        assertThat(o.withLease(java.time.Duration.ofSeconds(5)).withMaxAttempts(1).sandboxPool()).isEqualTo(2);
    }
}
