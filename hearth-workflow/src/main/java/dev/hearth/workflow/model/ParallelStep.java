package dev.hearth.workflow.model;

import java.util.List;
import java.util.Map;

/** {@code parallel:} a group of steps run together in the background; the job waits for all of them. */
public record ParallelStep(List<Step> steps, Position position) implements Step {
    public ParallelStep {
        steps = List.copyOf(steps);
    }

    @Override
    public String id() {
        return null;
    }

    @Override
    public String name() {
        return null;
    }

    @Override
    public String condition() {
        return "success()";
    }

    @Override
    public Map<String, String> env() {
        return Map.of();
    }

    @Override
    public Object continueOnError() {
        return null;
    }

    @Override
    public Object timeoutMinutes() {
        return null;
    }
}
