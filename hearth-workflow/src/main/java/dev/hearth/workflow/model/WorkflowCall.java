package dev.hearth.workflow.model;

import java.util.Map;

/** {@code on.workflow_call}: what callers may and must pass, and what the workflow returns. */
public record WorkflowCall(Map<String, WorkflowInput> inputs, Map<String, Output> outputs,
                           Map<String, Secret> secrets) {
    public WorkflowCall {
        inputs = Ordered.copy(inputs);
        outputs = Ordered.copy(outputs);
        secrets = Ordered.copy(secrets);
    }

    /** An output: its {@code value} expression as written. */
    public record Output(String name, String description, String value, Position position) {
    }

    /** A secret the caller may pass. */
    public record Secret(String name, String description, boolean required, Position position) {
    }
}
