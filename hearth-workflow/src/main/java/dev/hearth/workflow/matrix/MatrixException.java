package dev.hearth.workflow.matrix;

/** A matrix GitHub would refuse: an empty vector, a vector that is not a list, too many legs. */
public final class MatrixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MatrixException(String message) {
        super(message);
    }
}
