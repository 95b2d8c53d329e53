package dev.hearth.workflow.graph;

import java.util.List;

/** The jobs' needs do not form a usable graph: unknown or duplicate ids, or a cycle. */
public final class JobGraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public JobGraphException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each a full sentence naming the jobs involved. */
    public List<String> problems() {
        return problems;
    }
}
