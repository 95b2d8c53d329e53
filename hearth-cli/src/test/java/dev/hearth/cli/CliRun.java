package dev.hearth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code hearth} command line in-process, as a user would, and keeps what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        return of(Main.commandLine(args), Main.subcommandArgs(args));
    }

    /** The same through the whole command tree, as {@code hearth} builds it for a first argument it does not know. */
    static CliRun throughTree(String... args) {
        return of(Main.commandLine(), args);
    }

    private static CliRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
