package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.cli.run.ConsoleStyle.Ansi;
import dev.hearth.cli.run.TextTable.Cell;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAlignTwoSpacesApartWithoutTrailingBlanks() {
        String text = new TextTable("JOB", "STEP", "RESULT")
                .row("build (ubuntu-latest)", "", "success")
                .row("", "Run make", "failure")
                .row("x")
                .render(ConsoleStyle.PLAIN);
        assertThat(text).isEqualTo("""
                JOB                    STEP      RESULT
                build (ubuntu-latest)            success
                                       Run make  failure
                x
                """);
    }

    @Test
    void widthsCountCodePointsAndIgnoreColors() {
        String text = new TextTable("A", "B")
                .row(new Cell("\u2713 ok", Ansi.GREEN), new Cell("1"))
                .row(new Cell("\ud835\udc9c\ud835\udc9c"), new Cell("2")) // two astral letters: two columns
                .render(new ConsoleStyle(true, true));
        String plain = text.replaceAll("\u001b\\[[0-9;]*m", "");
        assertThat(plain).isEqualTo("""
                A     B
                \u2713 ok  1
                \ud835\udc9c\ud835\udc9c    2
                """);
        assertThat(text).contains("\u001b[32m\u2713 ok\u001b[0m  1", "\u001b[1mA\u001b[0m");
    }
}
