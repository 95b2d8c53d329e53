package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code hearth <subcommand> ...} builds only that subcommand's command line: it must behave exactly as
 * the same subcommand inside the whole tree, in its help, its usage errors and its exit codes.
 */
class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "serve", "validate", "plan", "expr"})
    void aSubcommandAloneHelpsAsInTheWholeTree(String name) {
        CliRun alone = CliRun.of(name, "--help");
        CliRun tree = CliRun.throughTree(name, "--help");
        assertThat(alone.out()).contains("Usage: hearth " + name).isEqualTo(tree.out());
        assertThat(alone.code()).isEqualTo(tree.code()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "serve", "validate", "plan", "expr"})
    void aSubcommandAloneRefusesAnUnknownOptionAsInTheWholeTree(String name) {
        CliRun alone = CliRun.of(name, "--no-such-option");
        CliRun tree = CliRun.throughTree(name, "--no-such-option");
        assertThat(alone.err()).contains("Usage: hearth " + name).isEqualTo(tree.err());
        assertThat(alone.code()).isEqualTo(tree.code()).isEqualTo(2);
    }

    @Test
    void withoutASubcommandTheWholeTreeAnswers() {
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands()).containsKeys("run", "validate", "help");
        assertThat(Main.subcommandArgs(new String[] {"--help"})).containsExactly("--help");
        assertThat(Main.subcommandArgs(new String[] {"validate", "a.yml"})).containsExactly("a.yml");
        assertThat(CliRun.of("help", "validate").out()).contains("Usage: hearth validate");
    }
}
