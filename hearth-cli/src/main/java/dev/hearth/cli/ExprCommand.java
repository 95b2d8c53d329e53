package dev.hearth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: filled in by the foundation issue's work on `hearth expr`. */
@Command(name = "expr", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ExprCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hearth expr: not built yet");
        return 2;
    }
}
