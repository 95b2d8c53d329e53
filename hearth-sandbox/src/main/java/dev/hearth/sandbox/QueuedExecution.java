package dev.hearth.sandbox;

/**
 * A command queued behind another with {@link Sandbox#startAfter}: the sandbox starts it the moment
 * the other one ends cleanly, or drops it. Signalling it while it is queued drops it.
 */
public interface QueuedExecution extends Execution {

    /**
     * Waits until the sandbox has decided. {@code true}: the command started, and this is a running
     * {@link Execution}. {@code false}: it was dropped and never ran; {@link #await()} then returns
     * at once with exit code -1 and the caller starts the command itself if it still should run.
     */
    boolean awaitStart() throws InterruptedException;

    /** Why it was dropped, once {@link #awaitStart()} said so; else null. */
    String dropReason();
}
