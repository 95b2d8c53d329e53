package dev.hearth.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hearth} command. */
@Command(name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs GitHub Actions workflows on your own machines, each workflow in its own sandbox.",
        subcommands = {RunCommand.class, ServeCommand.class, ValidateCommand.class, PlanCommand.class, ExprCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Logging is set up on first use, which some run takes on its way to the first step (~20 ms on
        // a cold JVM): started here, it overlaps with reading the command line and the workflow.
        Thread.ofPlatform().daemon().name("hearth-log-setup").start(org.slf4j.LoggerFactory::getILoggerFactory);
        System.exit(commandLine(args).execute(subcommandArgs(args)));
    }

    /** The whole configured command line, every subcommand included. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, that subcommand's
     * alone, named {@code hearth <name>} as in the whole tree, to be run with {@link #subcommandArgs};
     * otherwise the whole tree. Building every subcommand's model from its annotations costs a cold JVM
     * some 150-200 ms (most of it for run's many options), paid by every call before it does anything;
     * scripts call validate and expr once per file.
     */
    public static CommandLine commandLine(String[] args) {
        Class<?> sub = args.length == 0 ? null : subcommand(args[0]);
        if (sub == null) {
            return commandLine();
        }
        try {
            CommandLine one = new CommandLine(CommandLine.defaultFactory().create(sub));
            one.setCommandName("hearth " + args[0]);
            return configured(one);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the " + args[0] + " command", e);
        }
    }

    /** The arguments {@link #commandLine(String[])}'s command line runs with. */
    public static String[] subcommandArgs(String[] args) {
        return args.length > 0 && subcommand(args[0]) != null ? Arrays.copyOfRange(args, 1, args.length) : args;
    }

    private static Class<?> subcommand(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(name) && c != CommandLine.HelpCommand.class) {
                return c;
            }
        }
        return null;
    }

    private static CommandLine configured(CommandLine cl) {
        // Exit codes: 0 ok, 1 a negative verdict (invalid workflow), 2 usage error.
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
