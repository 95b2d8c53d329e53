package dev.hearth.server.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends deliveries to a running intake over real HTTP the way GitHub does, signed or not. */
final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI webhook;
    private final SignatureVerifier signer;

    WebhookClient(int port, String secret) {
        this.webhook = URI.create("http://127.0.0.1:" + port + "/webhook");
        this.signer = new SignatureVerifier(secret);
    }

    /** A delivery signed with the shared secret. */
    HttpResponse<String> send(String event, String deliveryId, String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(builder(event, deliveryId, "application/json").header("X-Hub-Signature-256", signer.header(body)), body);
    }

    HttpRequest.Builder builder(String event, String deliveryId, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "GitHub-Hookshot/test");
        if (event != null) {
            b.header("X-GitHub-Event", event);
        }
        if (deliveryId != null) {
            b.header("X-GitHub-Delivery", deliveryId);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder builder, byte[] body) throws IOException, InterruptedException {
        return http.send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the body without a Content-Length (chunked), as a client that streams would. */
    HttpResponse<String> sendChunked(HttpRequest.Builder builder, byte[] body) throws IOException, InterruptedException {
        return http.send(builder.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String signature(byte[] body) {
        return signer.header(body);
    }
}
