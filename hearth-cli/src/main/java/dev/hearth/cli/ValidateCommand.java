package dev.hearth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: filled in by the foundation issue's work on `hearth validate`. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hearth validate: not built yet");
        return 2;
    }
}
