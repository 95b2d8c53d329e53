package dev.hearth.actions.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake LLM provider on a real HTTP server (WireMock, on a free local port). It parses each chat
 * request as the real provider would (a body it cannot read gets a 400), asks its {@link Behaviour}
 * for a reply and sends it in the protocol's own response shape, or injects the fault the reply names.
 *
 * <p>It measures what a test cannot see from the client side: how many chat requests arrived
 * ({@link #calls()}) and the most it was handling at once ({@link #maxConcurrentCalls()}). A request
 * counts as in progress from its arrival until its reply is decided and any {@link #latency(Duration)}
 * or {@link Reply.Delayed} wait is over, so the figure is what a provider would feel.
 */
public final class FakeLlmServer implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Protocol protocol;
    private final WireMockServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final List<FakeLlmRequest> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Behaviour behaviour;
    private volatile Duration latency = Duration.ZERO;

    private FakeLlmServer(Protocol protocol, Behaviour behaviour) {
        this.protocol = protocol;
        this.behaviour = behaviour;
        this.server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true)
                .containerThreads(64)
                .disableRequestJournal()
                .extensions(new Transformer()));
        server.start();
        server.stubFor(WireMock.post(WireMock.urlPathEqualTo(protocol.path()))
                .willReturn(WireMock.aResponse().withTransformers(Transformer.NAME)));
    }

    /** A server speaking Ollama's {@code /api/chat}. */
    public static FakeLlmServer ollama(Behaviour behaviour) {
        return new FakeLlmServer(Protocol.OLLAMA, behaviour);
    }

    /** A server speaking OpenAI's {@code /v1/chat/completions}. */
    public static FakeLlmServer openAi(Behaviour behaviour) {
        return new FakeLlmServer(Protocol.OPENAI, behaviour);
    }

    public static FakeLlmServer of(Protocol protocol, Behaviour behaviour) {
        return new FakeLlmServer(protocol, behaviour);
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The base URL a client is configured with ({@code http://127.0.0.1:PORT}, plus {@code /v1} for OpenAI). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + protocol.basePath();
    }

    /** Replaces the behaviour for the requests to come. */
    public FakeLlmServer behaviour(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    /** Holds every reply back this long: the model's "thinking time", which makes overlapping calls visible. */
    public FakeLlmServer latency(Duration d) {
        this.latency = d;
        return this;
    }

    /** Chat requests received so far, faults included. */
    public int calls() {
        return calls.get();
    }

    /** The most chat requests ever in progress at once. */
    public int maxConcurrentCalls() {
        return maxInProgress.get();
    }

    /** Every chat request received, in arrival order. */
    public List<FakeLlmRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop();
    }

    private ResponseDefinition handle(ServeEvent event) {
        String body = event.getRequest().getBodyAsString();
        FakeLlmRequest request;
        try {
            request = parse(body, event.getRequest().getHeader("Authorization"));
        } catch (IOException | IllegalArgumentException e) {
            return json(400, error("invalid request: " + e.getMessage()));
        }
        int n = calls.incrementAndGet();
        requests.add(request);
        int now = inProgress.incrementAndGet();
        maxInProgress.accumulateAndGet(now, Math::max);
        try {
            pause(latency);
            Reply reply = behaviour.reply(request, n);
            while (reply instanceof Reply.Delayed d) {
                pause(d.delay());
                reply = d.then();
            }
            return respond(reply, request);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            closed.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ResponseDefinition respond(Reply reply, FakeLlmRequest request) {
        return switch (reply) {
            case Reply.Answer a -> json(200, protocol == Protocol.OLLAMA ? ollamaResponse(request.model(), a.content())
                    : openAiResponse(request.model(), a.content()));
            case Reply.HttpError e -> json(e.status(), e.body());
            case Reply.ConnectionReset r -> new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case Reply.MalformedBody m -> {
                String whole = protocol == Protocol.OLLAMA ? ollamaResponse(request.model(), "{\"script\": \"echo hi\"}")
                        : openAiResponse(request.model(), "{\"script\": \"echo hi\"}");
                yield json(200, whole.substring(0, whole.length() / 2));
            }
            case Reply.Delayed d -> throw new IllegalStateException("unwrapped above");
        };
    }

    private FakeLlmRequest parse(String body, String authorization) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new IllegalArgumentException("no model");
        }
        JsonNode msgs = root.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        List<FakeLlmRequest.Message> messages = new ArrayList<>();
        for (JsonNode m : msgs) {
            JsonNode content = m.get("content");
            String text;
            if (content != null && content.isArray()) {
                // OpenAI's content parts: [{"type": "text", "text": "..."}]
                StringBuilder sb = new StringBuilder();
                content.forEach(part -> sb.append(part.path("text").asText()));
                text = sb.toString();
            } else {
                text = content == null ? "" : content.asText();
            }
            messages.add(new FakeLlmRequest.Message(m.path("role").asText(), text));
        }
        boolean jsonMode = switch (protocol) {
            case OLLAMA -> root.has("format") && (root.get("format").isObject() || root.get("format").asText().equals("json"));
            case OPENAI -> {
                String type = root.path("response_format").path("type").asText();
                yield type.equals("json_object") || type.equals("json_schema");
            }
        };
        if (protocol == Protocol.OLLAMA && root.path("stream").asBoolean(true)) {
            // Ollama streams unless told not to; this fake only answers whole responses.
            throw new IllegalArgumentException("streaming requests are not supported by this fake");
        }
        return new FakeLlmRequest(protocol, model.asText(), messages, jsonMode, authorization, body);
    }

    private static String ollamaResponse(String model, String content) {
        ObjectNode r = JSON.createObjectNode();
        r.put("model", model);
        r.put("created_at", Instant.now().toString());
        ObjectNode msg = r.putObject("message");
        msg.put("role", "assistant");
        msg.put("content", content);
        r.put("done", true);
        r.put("done_reason", "stop");
        r.put("total_duration", 1_000_000L);
        r.put("prompt_eval_count", 42);
        r.put("eval_count", 17);
        return r.toString();
    }

    private static String openAiResponse(String model, String content) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "chatcmpl-fake");
        r.put("object", "chat.completion");
        r.put("created", Instant.now().getEpochSecond());
        r.put("model", model);
        ArrayNode choices = r.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        msg.put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = r.putObject("usage");
        usage.put("prompt_tokens", 42);
        usage.put("completion_tokens", 17);
        usage.put("total_tokens", 59);
        return r.toString();
    }

    private static String error(String message) {
        ObjectNode r = JSON.createObjectNode();
        r.put("error", message);
        return r.toString();
    }

    private static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** WireMock's hook: every chat request goes through {@link #handle}. */
    private final class Transformer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "hearth-fake-llm";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return handle(serveEvent);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
