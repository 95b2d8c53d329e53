package dev.hearth.workflow.model;

import java.util.List;
import java.util.Map;

/**
 * A background-step control: {@code wait: [ids]}, {@code wait-all:} or {@code cancel: id}.
 *
 * @param targets the step ids waited for or cancelled; empty for {@code wait-all}
 */
public record ControlStep(String id, String name, Kind kind, List<String> targets, Object continueOnError,
                          Position position) implements Step {
    public enum Kind { WAIT, WAIT_ALL, CANCEL }

    public ControlStep {
        targets = List.copyOf(targets);
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
    public Object timeoutMinutes() {
        return null;
    }
}
