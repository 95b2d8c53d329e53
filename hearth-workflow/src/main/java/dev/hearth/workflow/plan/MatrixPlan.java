package dev.hearth.workflow.plan;

import java.util.List;
import java.util.Map;

/**
 * A job's matrix as planned.
 *
 * @param status     none, expanded into legs, left for run time, or refused
 * @param legs       the legs when expanded (possibly none, when everything was excluded)
 * @param expression the expression deciding the matrix at run time, or null
 * @param error      why GitHub would refuse the matrix, or null
 */
public record MatrixPlan(Status status, List<Leg> legs, String expression, String error) {

    public MatrixPlan {
        legs = List.copyOf(legs);
    }

    /** The states a matrix can be in before the run. */
    public enum Status { NONE, EXPANDED, RUNTIME, ERROR }

    /** One combination and the name GitHub shows for it. */
    public record Leg(String name, Map<String, Object> values) {
    }

    public static final MatrixPlan NONE = new MatrixPlan(Status.NONE, List.of(), null, null);
}
