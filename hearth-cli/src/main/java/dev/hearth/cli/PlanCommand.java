package dev.hearth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: filled in by the foundation issue's work on `hearth plan`. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Not built yet.")
final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hearth plan: not built yet");
        return 2;
    }
}
