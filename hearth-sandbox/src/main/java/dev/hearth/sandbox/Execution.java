package dev.hearth.sandbox;

/** A command running in a sandbox. */
public interface Execution {

    /** Waits for the command to end and for all of its output to reach the sink. */
    ExitStatus await() throws InterruptedException;

    /**
     * Sends a signal to the command's process group (e.g. 2 for SIGINT, 15 for SIGTERM); processes it
     * detached from its group are not reached. Does nothing once it has ended.
     */
    void signal(int signal);

    /** Kills the command and every process of its group at once. Does nothing once it has ended. */
    default void kill() {
        signal(9);
    }

    /** Whether it is still running. */
    boolean isAlive();
}
