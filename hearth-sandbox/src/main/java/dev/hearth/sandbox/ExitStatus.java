package dev.hearth.sandbox;

/**
 * How a command ended.
 *
 * @param code       the exit code, or {@code 128 + signal} when a signal ended it
 * @param signal     the signal that ended it, or 0
 * @param timedOut   whether it was killed because its timeout ran out
 * @param durationMs how long it ran
 */
public record ExitStatus(int code, int signal, boolean timedOut, long durationMs) {
    public boolean success() {
        return code == 0 && signal == 0 && !timedOut;
    }
}
