package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.engine.Conclusion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleStyleTest {

    @Test
    void colorsOnlyOnATerminalWithoutNoColor() {
        assertThat(ConsoleStyle.detect(Map.of(), true, StandardCharsets.UTF_8)).isEqualTo(new ConsoleStyle(true, true));
        assertThat(ConsoleStyle.detect(Map.of(), false, StandardCharsets.UTF_8).color()).isFalse();
        assertThat(ConsoleStyle.detect(Map.of("NO_COLOR", "1"), true, StandardCharsets.UTF_8).color()).isFalse();
        // no-color.org: an empty NO_COLOR does not count
        assertThat(ConsoleStyle.detect(Map.of("NO_COLOR", ""), true, StandardCharsets.UTF_8).color()).isTrue();
        assertThat(ConsoleStyle.detect(Map.of("TERM", "dumb"), true, StandardCharsets.UTF_8).color()).isFalse();
    }

    @Test
    void marksOnlyOnUtf8() {
        ConsoleStyle ascii = ConsoleStyle.detect(Map.of(), true, StandardCharsets.US_ASCII);
        assertThat(ascii.unicode()).isFalse();
        assertThat(ascii.result(Conclusion.SUCCESS)).isEqualTo("success");
        assertThat(ascii.ellipsis()).isEqualTo("...");
        ConsoleStyle utf8 = ConsoleStyle.detect(Map.of(), false, StandardCharsets.UTF_8);
        assertThat(utf8.result(Conclusion.SUCCESS)).isEqualTo("\u2713 success");
        assertThat(utf8.result(Conclusion.FAILURE)).isEqualTo("\u2717 failure");
        assertThat(utf8.result(Conclusion.CANCELLED)).isEqualTo("\u2717 cancelled");
        assertThat(utf8.result(Conclusion.SKIPPED)).isEqualTo("- skipped");
    }

    @Test
    void paintWrapsInEscapesOnlyWithColor() {
        assertThat(new ConsoleStyle(true, false).paint("x", ConsoleStyle.Ansi.RED, ConsoleStyle.Ansi.BOLD))
                .isEqualTo("\u001b[31;1mx\u001b[0m");
        assertThat(ConsoleStyle.PLAIN.paint("x", ConsoleStyle.Ansi.RED)).isEqualTo("x");
        assertThat(new ConsoleStyle(true, false).paint("", ConsoleStyle.Ansi.RED)).isEmpty();
    }
}
