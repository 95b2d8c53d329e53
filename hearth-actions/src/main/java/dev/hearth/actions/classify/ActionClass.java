package dev.hearth.actions.classify;

import java.util.Locale;

/** How a {@code uses:} step (or a reusable job) will run. */
public enum ActionClass {
    /** One of Hearth's native actions (checkout, cache, artifacts): no download. */
    BUILTIN,
    /** {@code ./path}: a composite or JavaScript action from the repository. */
    LOCAL,
    /** {@code owner/repo[/path]@ref}: a composite or JavaScript action fetched (or taken from a mirror or the cache). */
    REMOTE,
    /** A job that calls a reusable workflow. */
    REUSABLE,
    /** A Docker action or a {@code docker://} image: runs with a docker engine. */
    DOCKER,
    /** Cannot be obtained or run here, and an LLM is configured: its translation into shell commands runs. */
    LLM,
    /** Cannot run at all: the {@code uses:} value (or the action's metadata) is invalid. */
    UNSUPPORTED;

    /** The lower-case name used in plans. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
