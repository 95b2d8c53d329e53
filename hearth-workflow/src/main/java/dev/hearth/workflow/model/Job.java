package dev.hearth.workflow.model;

import java.util.List;

/** A job under {@code jobs:}: one that runs steps on a runner, or a call of a reusable workflow. */
public sealed interface Job permits RunnerJob, ReusableWorkflowJob {
    String id();

    /** {@code name:} as written, or null. */
    String name();

    /** Ids of the jobs this one needs, as written. */
    List<String> needs();

    /** The condition GitHub evaluates, e.g. {@code success()} when no {@code if} was given. */
    String condition();

    Strategy strategy();

    Permissions permissions();

    Concurrency concurrency();

    Position position();
}
