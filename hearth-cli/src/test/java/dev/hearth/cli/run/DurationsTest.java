package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readableAtEveryScale() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Durations.format(Duration.ofMillis(340))).isEqualTo("340ms");
        assertThat(Durations.format(Duration.ofMillis(1000))).isEqualTo("1.0s");
        assertThat(Durations.format(Duration.ofMillis(12_345))).isEqualTo("12.3s");
        assertThat(Durations.format(Duration.ofMillis(59_999))).isEqualTo("59.9s");
        assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(Durations.format(Duration.ofSeconds(3720))).isEqualTo("1h 02m");
        assertThat(Durations.format(Duration.ofMillis(-5))).isEqualTo("0ms");
        assertThat(Durations.format(null)).isEmpty();
    }
}
