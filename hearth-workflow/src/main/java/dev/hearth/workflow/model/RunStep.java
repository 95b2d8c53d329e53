package dev.hearth.workflow.model;

import java.util.Map;

/** A {@code run:} step; {@code run} is the script as written, expressions included. */
public record RunStep(String id, String name, String condition, String run, String shell,
                      String workingDirectory, Map<String, String> env, Object continueOnError,
                      Object timeoutMinutes, Position position, boolean background) implements Step {
    public RunStep {
        env = Ordered.copy(env);
    }
}
