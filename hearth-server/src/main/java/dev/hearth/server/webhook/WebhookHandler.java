package dev.hearth.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.NewDelivery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook}. The checks run cheapest and safest first: content type, size, signature
 * (over the raw bytes, before any parsing), headers, JSON. Only then is the delivery stored, and the
 * answer is sent after the commit.
 */
public final class WebhookHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    // GitHub's delivery ids are GUIDs; anything printable and short is accepted, the rest refused
    // so headers cannot smuggle line breaks into the logs.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntakeSettings settings;
    private final DeliveryStore deliveries;
    private final DeliveryListener listener;
    private final Clock clock;

    public WebhookHandler(IntakeSettings settings, DeliveryStore deliveries, DeliveryListener listener, Clock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        if (!isJson(ctx.header("Content-Type"))) {
            answer(ctx, 415, "unsupported media type", "the webhook's content type must be application/json");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            tooLarge(ctx);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(ctx.req().getInputStream(), settings.maxBodyBytes(), declared);
        } catch (IOException e) {
            answer(ctx, 400, "bad request", "the body could not be read");
            return;
        }
        if (body == null) {
            tooLarge(ctx);
            return;
        }
        if (settings.signatures().isPresent()) {
            switch (settings.signatures().get().verify(body, ctx.header("X-Hub-Signature-256"))) {
                case MISSING -> {
                    answer(ctx, 401, "unauthorized", "X-Hub-Signature-256 is missing");
                    return;
                }
                case INVALID -> {
                    LOG.warn("webhook refused: bad signature (delivery {})", printable(ctx.header("X-GitHub-Delivery")));
                    answer(ctx, 403, "forbidden", "X-Hub-Signature-256 does not match the body");
                    return;
                }
                case VALID -> {}
            }
        }
        String event = ctx.header("X-GitHub-Event");
        String deliveryId = ctx.header("X-GitHub-Delivery");
        if (event == null || !TOKEN.matcher(event).matches()) {
            answer(ctx, 400, "bad request", "X-GitHub-Event is missing or malformed");
            return;
        }
        if (deliveryId == null || !TOKEN.matcher(deliveryId).matches()) {
            answer(ctx, 400, "bad request", "X-GitHub-Delivery is missing or malformed");
            return;
        }
        String action;
        switch (PayloadCheck.of(body)) {
            case PayloadCheck.Malformed m -> {
                answer(ctx, 400, "bad request", "the body is not valid JSON");
                return;
            }
            case PayloadCheck.NotAnObject n -> {
                answer(ctx, 400, "bad request", "the body is not a JSON object");
                return;
            }
            case PayloadCheck.Payload p -> action = p.action();
        }
        EventRoute route = EventRoute.of(event, action);

        NewDelivery delivery = new NewDelivery(deliveryId, event, action, clock.instant(),
                new String(body, StandardCharsets.UTF_8), route == EventRoute.RUN ? DeliveryState.RECEIVED : DeliveryState.IGNORED);
        boolean isNew;
        try {
            isNew = deliveries.insertIfAbsent(delivery);
        } catch (RuntimeException e) {
            // Our fault, not the client's: GitHub shows the failure and the delivery can be redelivered.
            LOG.error("delivery {} ({}) could not be stored: {}", deliveryId, event, e.toString());
            answer(ctx, 503, "unavailable", "the delivery could not be stored; redeliver it later");
            return;
        }
        if (!isNew) {
            LOG.info("delivery {} ({}) already received", deliveryId, event);
            answer(ctx, 200, "already received", null, deliveryId);
            return;
        }
        LOG.info("delivery {} ({}{}) stored as {}", deliveryId, event, action == null ? "" : "." + action, route);
        switch (route) {
            case RUN -> {
                tell(delivery);
                answer(ctx, 202, "accepted", null, deliveryId);
            }
            case PING -> answer(ctx, 200, "pong", null, deliveryId);
            case IGNORE -> answer(ctx, 202, "ignored", "Hearth does not act on this event", deliveryId);
        }
    }

    private void tell(NewDelivery delivery) {
        try {
            listener.delivered(delivery);
        } catch (RuntimeException e) {
            LOG.warn("delivery {}: the listener failed ({}); it stays received for the scheduler", delivery.deliveryId(), e.toString());
        }
    }

    private void tooLarge(Context ctx) {
        // The unread rest of the body is not worth reading: the connection is closed after the answer.
        ctx.header("Connection", "close");
        answer(ctx, 413, "payload too large", "the body exceeds " + settings.maxBodyBytes() + " bytes");
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * Reads the whole stream, or returns null as soon as it proves longer than {@code max}.
     *
     * @param declared the Content-Length, or -1: the buffer starts at that size
     */
    private static byte[] readAtMost(InputStream in, long max, long declared) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, max) : 8192);
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String printable(String header) {
        return header != null && TOKEN.matcher(header).matches() ? header : "?";
    }

    private static void answer(Context ctx, int status, String message, String detail) {
        answer(ctx, status, message, detail, null);
    }

    private static void answer(Context ctx, int status, String message, String detail, String deliveryId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", message);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (deliveryId != null) {
            body.put("delivery", deliveryId);
        }
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
