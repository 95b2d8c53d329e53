package dev.hearth.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.JobStore;
import dev.hearth.server.store.LogChunk;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunPage;
import dev.hearth.server.store.RunQuery;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The runs part of the REST API, added to the server's Javalin app by {@link #register}:
 * <ul>
 *   <li>{@code GET /api/runs?repository=&state=&conclusion=&page=&per_page=}: runs, newest first</li>
 *   <li>{@code GET /api/runs/{id}}: one run with its jobs and steps</li>
 *   <li>{@code GET /api/runs/{id}/logs}: its log as plain text (masked when it was stored)</li>
 *   <li>{@code GET /api/runs/{id}/logs/follow}: the log live, as Server-Sent Events ({@link LogFollow})</li>
 *   <li>{@code POST /api/runs/{id}/cancel} and {@code POST /api/runs/{id}/rerun}: bearer token required</li>
 * </ul>
 * Errors are JSON {@code {"message": ...}}: 400 for a malformed id or filter, 401/403 for a missing
 * or wrong token, 404 for an unknown run, 409 for a request the run's state does not allow.
 */
public final class RunsApi {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 100;
    private static final int LOG_BATCH = 1000;

    private final RunStore runs;
    private final JobStore jobs;
    private final LogStore logs;
    private final RunControl control;
    private final ApiToken token;
    private final ObjectMapper json = new ObjectMapper();
    private final LogFollow follow;

    /**
     * @param poll      how often a live log follower looks for new chunks
     * @param heartbeat how long a follower may stay silent before a keep-alive comment is sent
     */
    public RunsApi(RunStore runs, JobStore jobs, LogStore logs, RunControl control, ApiToken token,
            Duration poll, Duration heartbeat) {
        this.runs = runs;
        this.jobs = jobs;
        this.logs = logs;
        this.control = control;
        this.token = token;
        this.follow = new LogFollow(runs, logs, json, poll, heartbeat);
    }

    /** Adds the routes to {@code app} (before it starts). */
    public void register(Javalin app) {
        app.get("/api/runs", this::list);
        app.get("/api/runs/{id}", this::get);
        app.get("/api/runs/{id}/logs", this::logs);
        app.get("/api/runs/{id}/logs/follow", this::follow);
        app.post("/api/runs/{id}/cancel", this::cancel);
        app.post("/api/runs/{id}/rerun", this::rerun);
        app.exception(ApiProblem.class, (e, ctx) -> json(ctx, e.status(), new RunViews.Message(e.getMessage())));
    }

    private void list(Context ctx) {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int perPage = intParam(ctx, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        String repository = ctx.queryParam("repository");
        RunQuery query = new RunQuery(repository == null || repository.isBlank() ? null : repository.strip(),
                enumParam(ctx, "state", RunState.class), enumParam(ctx, "conclusion", Conclusion.class), page, perPage);
        RunPage found = runs.page(query);
        json(ctx, 200, new RunViews.RunList(found.total(), page, perPage,
                found.runs().stream().map(RunViews::summary).toList()));
    }

    private void get(Context ctx) {
        Run run = existingRun(ctx);
        List<RunViews.JobView> jobViews = jobs.jobsOf(run.id()).stream()
                .map(j -> RunViews.job(j, jobs.stepsOf(j.id()).stream().map(RunViews::step).toList()))
                .toList();
        json(ctx, 200, RunViews.detail(run, runs.cancelRequested(run.id()).orElse(null), jobViews));
    }

    private void logs(Context ctx) throws IOException {
        Run run = existingRun(ctx);
        ctx.status(200).contentType("text/plain; charset=utf-8");
        OutputStream out = ctx.outputStream();
        long after = 0;
        List<LogChunk> batch;
        do {
            batch = logs.read(run.id(), after, LOG_BATCH);
            for (LogChunk chunk : batch) {
                out.write(chunk.text().getBytes(StandardCharsets.UTF_8));
                after = chunk.id();
            }
        } while (batch.size() == LOG_BATCH);
    }

    private void follow(Context ctx) throws IOException, InterruptedException {
        Run run = existingRun(ctx);
        long after = lastEventId(ctx);
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold events back
        try {
            follow.follow(run.id(), after, res.getOutputStream());
        } catch (IOException gone) {
            // The client went away; there is no one left to answer.
        }
    }

    private void cancel(Context ctx) {
        authorize(ctx);
        long id = runId(ctx);
        switch (control.cancel(id)) {
            case CancelOutcome.NotFound n -> throw notFound(id);
            case CancelOutcome.AlreadyCompleted c ->
                    throw new ApiProblem(409, "run " + id + " has already completed; nothing to cancel");
            case CancelOutcome.Cancelled c -> json(ctx, 200, new RunViews.Message("run " + id + " cancelled before it started"));
            case CancelOutcome.Requested r -> json(ctx, 202, new RunViews.Message("cancel of run " + id + " requested; it stops shortly"));
        }
    }

    private void rerun(Context ctx) {
        authorize(ctx);
        long id = runId(ctx);
        switch (control.rerun(id)) {
            case RerunOutcome.NotFound n -> throw notFound(id);
            case RerunOutcome.NotCompleted n ->
                    throw new ApiProblem(409, "run " + id + " has not completed yet; only a completed run can be re-run");
            case RerunOutcome.Queued q -> {
                ctx.header("Location", "/api/runs/" + q.runId());
                json(ctx, 201, new RunViews.Rerun(q.runId(), "run " + id + " queued again as run " + q.runId()));
            }
        }
    }

    // Checked before anything else is looked at, so an unauthenticated caller learns nothing, not even whether a run exists.
    private void authorize(Context ctx) {
        switch (token.check(ctx.header("Authorization"))) {
            case ALLOWED -> { }
            case MISSING -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"hearth\"");
                throw new ApiProblem(401, "this request changes state: send Authorization: Bearer <HEARTH_API_TOKEN>");
            }
            case WRONG -> throw new ApiProblem(403, "the bearer token is not the server's HEARTH_API_TOKEN");
            case DISABLED -> throw new ApiProblem(403, "requests that change state are disabled: the server has no HEARTH_API_TOKEN");
        }
    }

    private Run existingRun(Context ctx) {
        long id = runId(ctx);
        return runs.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(long id) {
        return new ApiProblem(404, "no run " + id);
    }

    private static long runId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, "a run id is a positive whole number, got '" + raw + "'");
    }

    private static long lastEventId(Context ctx) {
        String raw = ctx.header("Last-Event-ID");
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("after");
        }
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "Last-Event-ID (or after) must be a chunk id, got '" + raw + "'");
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
    }

    private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(RunViews::lower).collect(Collectors.joining(", "));
            throw new ApiProblem(400, name + " must be one of " + allowed + ", got '" + raw + "'");
        }
    }

    private void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + body.getClass().getSimpleName(), e);
        }
    }
}
