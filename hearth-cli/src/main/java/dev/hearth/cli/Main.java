package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hearth} command. */
@Command(name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs GitHub Actions workflows on your own machines, each workflow in its own sandbox.",
        subcommands = {RunCommand.class, ServeCommand.class, ValidateCommand.class, PlanCommand.class, ExprCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Logging is set up on first use, which some run takes on its way to the first step (~20 ms on
        // a cold JVM): started here, it overlaps with reading the command line and the workflow.
        Thread.ofPlatform().daemon().name("hearth-log-setup").start(org.slf4j.LoggerFactory::getILoggerFactory);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Exit codes: 0 ok, 1 a negative verdict (invalid workflow), 2 usage error.
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
