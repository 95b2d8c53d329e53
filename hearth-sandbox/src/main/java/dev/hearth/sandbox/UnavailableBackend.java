package dev.hearth.sandbox;

import java.util.Objects;

/**
 * A backend this build knows but that is not set up here (a setting is missing): it says why, and
 * makes nothing. {@code hearth doctor} shows the reason; a run that asks for it gets it as an error.
 */
public record UnavailableBackend(BackendInfo info, String reason) implements SandboxBackend {
    public UnavailableBackend {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Availability availability() {
        return Availability.no(reason);
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        throw new SandboxException("the " + info.name() + " backend is not available: " + reason);
    }
}
