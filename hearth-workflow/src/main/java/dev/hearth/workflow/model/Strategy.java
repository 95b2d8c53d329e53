package dev.hearth.workflow.model;

import java.util.Map;

/**
 * {@code strategy}. The matrix is kept in the form the matrix expander takes: either an expression
 * String ({@code ${{ fromJSON(...) }}}), or JSON-like data — a {@code LinkedHashMap<String,Object>}
 * whose values are String, Double, Boolean, null, List or Map, with {@code include} and
 * {@code exclude} as written — or null when there is no matrix.
 *
 * @param failFast    Boolean, an expression String, or null (GitHub's default is true)
 * @param maxParallel Double, an expression String, or null
 */
public record Strategy(Object matrix, Object failFast, Object maxParallel, Position position) {

    /** The matrix expression, or null when the matrix is data or absent. */
    public String matrixExpression() {
        return matrix instanceof String s ? s : null;
    }

    /** The matrix data, or null when it is an expression or absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> matrixData() {
        return matrix instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
