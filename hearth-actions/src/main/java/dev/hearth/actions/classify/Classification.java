package dev.hearth.actions.classify;

import java.util.Objects;

/**
 * A class and why: {@code REMOTE, "composite, 3 steps"}, {@code DOCKER, "needs Docker"}.
 *
 * @param actionClass how it will run
 * @param note        a short remark for people, never null
 */
public record Classification(ActionClass actionClass, String note) {
    public Classification {
        Objects.requireNonNull(actionClass, "actionClass");
        Objects.requireNonNull(note, "note");
    }
}
