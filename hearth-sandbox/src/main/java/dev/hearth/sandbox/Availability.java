package dev.hearth.sandbox;

/**
 * Whether a backend works on this machine.
 *
 * @param available whether it does
 * @param reason    why not (a missing binary, no user namespaces), or a short note when it does
 */
public record Availability(boolean available, String reason) {
    public static Availability yes(String note) {
        return new Availability(true, note);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
