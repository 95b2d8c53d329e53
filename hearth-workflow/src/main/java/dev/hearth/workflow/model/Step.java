package dev.hearth.workflow.model;

import java.util.Map;

/**
 * A step of a runner job: a shell script ({@link RunStep}), an action ({@link UsesStep}), or one of
 * GitHub's background-step controls ({@link ControlStep}, {@link ParallelStep}).
 */
public sealed interface Step permits RunStep, UsesStep, BackgroundControl {
    /** The id its author gave, or null. */
    String id();

    String name();

    /** The condition GitHub evaluates, e.g. {@code success()} when no {@code if} was given. */
    String condition();

    Map<String, String> env();

    /** Boolean, an expression String, or null. */
    Object continueOnError();

    /** Double, an expression String, or null. */
    Object timeoutMinutes();

    Position position();
}
