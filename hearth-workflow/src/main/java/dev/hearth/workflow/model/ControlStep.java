package dev.hearth.workflow.model;

import java.util.List;

/**
 * A background-step control: {@code wait: [ids]}, {@code wait-all:} or {@code cancel: id}.
 *
 * @param targets the step ids waited for or cancelled; empty for {@code wait-all}
 */
public record ControlStep(String id, String name, Kind kind, List<String> targets, Object continueOnError,
                          Position position) implements BackgroundControl {
    public enum Kind { WAIT, WAIT_ALL, CANCEL }

    public ControlStep {
        targets = List.copyOf(targets);
    }
}
