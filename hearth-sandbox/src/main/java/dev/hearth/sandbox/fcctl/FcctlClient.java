package dev.hearth.sandbox.fcctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Hearth's client of fcctl-web, the remote VM-management API: create a VM, ask its status, run a bash
 * script in it, snapshot and roll back, delete it, ask the server's health. One call per method, no
 * retries (the callers decide what may be retried) and no state but the connection pool, so one client
 * serves every sandbox of a backend.
 *
 * <p>Every call carries {@code Authorization: Bearer <token>} and has its own timeout: a call that runs
 * a command waits for that command's timeout plus {@link FcctlSettings#callTimeout()} (the seed's client
 * gave every call a fixed 30 s, which failed every longer step), any other call waits
 * {@link FcctlSettings#callTimeout()}. Errors say which call failed, the HTTP status and the server's
 * error text; the token never appears in a message, even when the server echoes it.
 */
public final class FcctlClient {
    /** The {@code timeout_seconds} of a command without a timeout: GitHub's longest job, 6 hours. */
    public static final Duration NO_TIMEOUT = Duration.ofHours(6);
    /** The {@code agent_id} Hearth's calls carry; the API asks for one. */
    public static final String AGENT_ID = "hearth";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMEOUT_TEXT = Pattern.compile("(?i)time[ds]?[ -]?out");
    private static final int MAX_ERROR_TEXT = 500;

    private final FcctlSettings settings;
    private final HttpClient http;

    /** A client with its own HTTP connection pool. */
    public FcctlClient(FcctlSettings settings) {
        this(settings, HttpClient.newBuilder()
                .connectTimeout(settings.callTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect must not carry the token elsewhere
                .build());
    }

    /** A client over a given HTTP client (tests watch the requests it sends). */
    FcctlClient(FcctlSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public FcctlSettings settings() {
        return settings;
    }

    /** Asks {@code GET /health}; returns when the server answers 2xx within {@code timeout}. */
    public void health(Duration timeout) throws FcctlApiException {
        call("GET", "/health", null, timeout, "asking fcctl-web's health");
    }

    /** Creates a VM and returns its id; it is not running yet (see {@link #vmStatus}). */
    public String createVm(String vmType, String vmName) throws FcctlApiException {
        ObjectNode body = JSON.createObjectNode().put("vm_type", vmType).put("vm_name", vmName);
        String what = "creating VM " + vmName;
        JsonNode answer = call("POST", "/api/vms", body, settings.callTimeout(), what);
        String id = text(answer, "id");
        if (id == null || id.isBlank()) {
            throw new FcctlApiException(what + ": the answer has no VM id", 200, false, null);
        }
        return id;
    }

    /** The VM's status, as the server spells it ({@code running} when it takes commands). */
    public String vmStatus(String vmId) throws FcctlApiException {
        String what = "asking the status of VM " + vmId;
        JsonNode answer = call("GET", "/api/vms/" + segment(vmId), null, settings.callTimeout(), what);
        String status = text(answer, "status");
        if (status == null) {
            throw new FcctlApiException(what + ": the answer has no status", 200, false, null);
        }
        return status;
    }

    /**
     * Runs a bash script in a VM and waits for its end. Each call is a fresh shell.
     *
     * @param timeout how long the script may run (null: {@link #NO_TIMEOUT}); the server stops it then,
     *                and this call gives up that long plus {@link FcctlSettings#callTimeout()} after it
     *                was sent
     * @throws FcctlApiException when the call fails or times out ({@link FcctlApiException#timedOut()})
     */
    public ExecuteResult execute(String vmId, String code, String workingDir, Duration timeout)
            throws FcctlApiException {
        long seconds = timeoutSeconds(timeout);
        ObjectNode body = JSON.createObjectNode()
                .put("agent_id", AGENT_ID)
                .put("language", "bash")
                .put("code", code)
                .put("vm_id", vmId)
                .put("timeout_seconds", seconds)
                .put("working_dir", workingDir);
        JsonNode answer = call("POST", "/api/llm/execute", body,
                Duration.ofSeconds(seconds).plus(settings.callTimeout()), "running a command in VM " + vmId);
        JsonNode code0 = answer.get("exit_code");
        Integer exitCode = code0 != null && code0.canConvertToInt() && code0.isIntegralNumber() ? code0.intValue() : null;
        String error = text(answer, "error");
        JsonNode flag = answer.get("timed_out");
        boolean timedOut = (flag != null && flag.asBoolean(false))
                || (error != null && TIMEOUT_TEXT.matcher(error).find());
        JsonNode duration = answer.get("duration_ms");
        return new ExecuteResult(exitCode, text(answer, "stdout"), text(answer, "stderr"),
                duration != null && duration.canConvertToLong() ? duration.longValue() : -1,
                error == null || error.isBlank() ? null : redact(error), timedOut);
    }

    /** The {@code timeout_seconds} sent for a command timeout: whole seconds, rounded up, at least 1. */
    public static long timeoutSeconds(Duration timeout) {
        Duration limit = timeout == null ? NO_TIMEOUT : timeout;
        long seconds = limit.toSeconds() + (limit.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Snapshots a VM and returns the snapshot's id. */
    public String createSnapshot(String vmId, String name, String description) throws FcctlApiException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("description", description);
        String what = "snapshotting VM " + vmId;
        JsonNode answer = call("POST", "/api/vms/" + segment(vmId) + "/snapshots", body, settings.callTimeout(), what);
        String id = text(answer, "snapshot_id");
        if (id == null || id.isBlank()) {
            throw new FcctlApiException(what + ": the answer has no snapshot id", 200, false, null);
        }
        return id;
    }

    /** Rolls a VM back to one of its snapshots. */
    public void rollback(String vmId, String snapshotId) throws FcctlApiException {
        call("POST", "/api/vms/" + segment(vmId) + "/rollback/" + segment(snapshotId), JSON.createObjectNode(),
                settings.callTimeout(), "rolling VM " + vmId + " back to snapshot " + snapshotId);
    }

    /**
     * Deletes a VM.
     *
     * @return true when it was deleted now, false when the server does not know it (already gone)
     */
    public boolean deleteVm(String vmId) throws FcctlApiException {
        try {
            call("DELETE", "/api/vms/" + segment(vmId), null, settings.callTimeout(), "deleting VM " + vmId);
            return true;
        } catch (FcctlApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private JsonNode call(String method, String path, JsonNode body, Duration timeout, String what)
            throws FcctlApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + settings.token())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new FcctlApiException(what + ": no answer within " + timeout.toSeconds() + " s", 0, true, null);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : redact(e.getMessage());
            throw new FcctlApiException(what + ": " + settings.baseUrl() + " did not answer: " + why, 0, false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FcctlApiException(what + ": interrupted", 0, false, null);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status / 100 != 2) {
            throw new FcctlApiException(what + ": HTTP " + status + errorText(text), status, false, null);
        }
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FcctlApiException(what + ": the answer is not JSON: " + snippet(text), status, false, null);
        }
    }

    /** The server's error text from an error answer, as {@code ": <text>"}, or nothing. */
    private String errorText(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : new String[] {"error", "message", "detail"}) {
                String value = text(node, field);
                if (value != null && !value.isBlank()) {
                    return ": " + snippet(value);
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: the body itself is the text
        }
        return ": " + snippet(body);
    }

    private String snippet(String text) {
        String clean = redact(text.strip());
        return clean.length() <= MAX_ERROR_TEXT ? clean : clean.substring(0, MAX_ERROR_TEXT) + "…";
    }

    /** The text with the token blotted out (a server may echo the header it refused). */
    private String redact(String text) {
        return text.replace(settings.token(), "***");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
