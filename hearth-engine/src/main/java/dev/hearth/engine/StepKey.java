package dev.hearth.engine;

/**
 * One step of a job.
 *
 * @param number 1-based position in the job
 * @param id     its id: the author's, or GitHub's generated one ({@code __run}, {@code __run_2})
 * @param name   the name GitHub shows ({@code name:} evaluated, or {@code Run <first line>})
 */
public record StepKey(int number, String id, String name) {
    @Override
    public String toString() {
        return name;
    }
}
