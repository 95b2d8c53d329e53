package dev.hearth.server.webhook;

import dev.hearth.server.store.Database;
import io.javalin.http.Context;

/** {@code /healthz} (the process answers) and {@code /readyz} (and its database is reachable). */
public final class HealthHandlers {

    private final Database database;

    public HealthHandlers(Database database) {
        this.database = database;
    }

    /** Always 200 while the process serves HTTP. */
    public void health(Context ctx) {
        ctx.contentType("application/json").result("{\"status\":\"ok\"}");
    }

    /** 200 when the database answers, else 503 so a load balancer sends deliveries elsewhere. */
    public void ready(Context ctx) {
        boolean ok = database.isReachable();
        ctx.status(ok ? 200 : 503).contentType("application/json")
                .result(ok ? "{\"status\":\"ready\"}" : "{\"status\":\"database unreachable\"}");
    }
}
