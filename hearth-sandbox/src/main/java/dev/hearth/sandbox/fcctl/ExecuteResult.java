package dev.hearth.sandbox.fcctl;

/**
 * What {@code POST /api/llm/execute} answered.
 *
 * @param exitCode   the script's exit code, or null when the server gave none
 * @param stdout     its standard output, as the server decoded it
 * @param stderr     its standard error
 * @param durationMs how long it ran by the server's clock, or -1 when not said
 * @param error      the server's error text, or null
 * @param timedOut   whether the server stopped it because its {@code timeout_seconds} ran out
 */
public record ExecuteResult(Integer exitCode, String stdout, String stderr, long durationMs, String error,
                            boolean timedOut) {
    public ExecuteResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }
}
