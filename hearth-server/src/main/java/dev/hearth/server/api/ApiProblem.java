package dev.hearth.server.api;

/** A request the API answers with a client error ({@code status}) and a message saying why. */
final class ApiProblem extends RuntimeException {

    private final int status;

    ApiProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
