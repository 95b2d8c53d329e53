package dev.hearth.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.server.store.LogChunk;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows a run's log as Server-Sent Events: the chunks stored so far, then new ones as they are
 * appended, until the run completes. Each chunk is one {@code log} event whose {@code id} is the
 * chunk's id (a client that reconnects with {@code Last-Event-ID} resumes after it) and whose data is
 * JSON ({@code text}, {@code jobId}, {@code stepId}) so any text, carriage returns included, arrives
 * whole. An {@code end} event with the run's conclusion closes the stream.
 *
 * <p>It polls the store rather than listening to the writer in memory, so it works on whichever node
 * the client reached. A comment line is sent when nothing else has been for a while: proxies keep the
 * connection open, and a client that went away is noticed when that write fails.
 */
final class LogFollow {

    private static final int BATCH = 500;

    private final RunStore runs;
    private final LogStore logs;
    private final ObjectMapper json;
    private final Duration poll;
    private final Duration heartbeat;

    LogFollow(RunStore runs, LogStore logs, ObjectMapper json, Duration poll, Duration heartbeat) {
        this.runs = runs;
        this.logs = logs;
        this.json = json;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    /** Writes events for {@code runId} after chunk {@code afterId} to {@code out} until the run completes. */
    void follow(long runId, long afterId, OutputStream out) throws IOException, InterruptedException {
        write(out, "retry: 2000\n\n");
        out.flush();
        long after = afterId;
        long quietSince = System.nanoTime();
        while (true) {
            // Read the state before the chunks: a run completes after its last chunk is written, so
            // when it was already completed before this read, the read sees every chunk.
            Optional<Run> run = runs.find(runId);
            boolean completed = run.map(r -> r.state() == RunState.COMPLETED).orElse(true);
            List<LogChunk> batch = logs.read(runId, after, BATCH);
            for (LogChunk chunk : batch) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("text", chunk.text());
                data.put("jobId", chunk.jobId());
                data.put("stepId", chunk.stepId());
                write(out, "id: " + chunk.id() + "\nevent: log\ndata: " + json.writeValueAsString(data) + "\n\n");
                after = chunk.id();
            }
            if (!batch.isEmpty()) {
                out.flush();
                quietSince = System.nanoTime();
            }
            if (batch.size() == BATCH) {
                continue;
            }
            if (completed) {
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("state", run.map(r -> RunViews.lower(r.state())).orElse(null));
                end.put("conclusion", run.map(r -> RunViews.lower(r.conclusion())).orElse(null));
                write(out, "event: end\ndata: " + json.writeValueAsString(end) + "\n\n");
                out.flush();
                return;
            }
            if (System.nanoTime() - quietSince >= heartbeat.toNanos()) {
                write(out, ": keep-alive\n\n");
                out.flush();
                quietSince = System.nanoTime();
            }
            Thread.sleep(poll);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
