package dev.hearth.workflow.model;

import java.util.List;

/** {@code parallel:} a group of steps run together in the background; the job waits for all of them. */
public record ParallelStep(List<Step> steps, Position position) implements BackgroundControl {
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
    public Object continueOnError() {
        return null;
    }
}
