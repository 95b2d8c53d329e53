package dev.hearth.server.webhook;

import dev.hearth.server.store.Database;
import dev.hearth.server.store.DeliveryStore;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * The HTTP server of the intake: a Javalin app on virtual threads with {@code POST /webhook},
 * {@code /healthz} and {@code /readyz}. Other parts of the server add their routes to {@link #app()}
 * before {@link #start}.
 */
public final class IntakeServer implements AutoCloseable {

    private final Javalin app;

    public IntakeServer(Database database, IntakeSettings settings, DeliveryListener listener, Clock clock) {
        WebhookHandler webhook = new WebhookHandler(settings, new DeliveryStore(database, clock), listener, clock);
        HealthHandlers health = new HealthHandlers(database);
        this.app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // The handler reads the body as a stream under its own limit; this only bounds Javalin's own reads.
            config.http.maxRequestSize = settings.maxBodyBytes();
        });
        app.post("/webhook", webhook);
        app.get("/healthz", health::health);
        app.get("/readyz", health::ready);
    }

    /** The Javalin app, for adding routes before starting. */
    public Javalin app() {
        return app;
    }

    /** Starts listening on {@code host}:{@code port} (0 picks a free port); returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    /** Stops accepting requests and waits for those in flight. */
    @Override
    public void close() {
        app.stop();
    }
}
