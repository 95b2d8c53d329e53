package dev.hearth.cli.run;

/** Something wrong with what was asked (a flag, a file named in one): printed as is, exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
