package dev.hearth.engine;

import java.util.Map;

/**
 * One job of a run; a matrix leg is its own job.
 *
 * @param id          the job id as written in the workflow
 * @param displayName the name GitHub shows: {@code name:} (evaluated) or the id, with the matrix
 *                    values in parentheses for a leg ({@code test (ubuntu, 18)})
 * @param matrix      the leg's values, empty when the job has no matrix
 */
public record JobKey(String id, String displayName, Map<String, Object> matrix) {
    public JobKey {
        matrix = matrix == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(matrix));
    }

    // Written out: a record's generated equals and hashCode go through method handles, slow until
    // compiled, and the live log looks a job up by its key for every line.
    @Override
    public boolean equals(Object o) {
        return o instanceof JobKey k && java.util.Objects.equals(id, k.id)
                && java.util.Objects.equals(displayName, k.displayName) && matrix.equals(k.matrix);
    }

    @Override
    public int hashCode() {
        return (java.util.Objects.hashCode(id) * 31 + java.util.Objects.hashCode(displayName)) * 31 + matrix.hashCode();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
