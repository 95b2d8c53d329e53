package dev.hearth.sandbox;

/** Network access for commands in a sandbox. */
public enum NetworkPolicy {
    /** No network at all, not even loopback to the host (a fresh network namespace has only {@code lo}). */
    NONE,
    /** The host's network. */
    HOST
}
