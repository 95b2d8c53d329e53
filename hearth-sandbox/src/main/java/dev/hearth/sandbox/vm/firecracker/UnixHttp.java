package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.vm.ChannelStreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 request and its answer over a unix socket, which the JDK's HTTP client cannot reach.
 * Each request has its own connection, closed after the answer; a request that takes longer than
 * its limit has its connection closed under it, so a stuck server never blocks the caller.
 */
final class UnixHttp {
    static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hearth-firecracker-deadlines").factory());
    private static final int MAX_BODY = 1 << 20;

    /** A status and the body as text. */
    record Response(int status, String body) {
    }

    private UnixHttp() {
    }

    static Response exchange(Path socket, String method, String path, byte[] body, Duration limit) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(channel), limit.toNanos(),
                    TimeUnit.NANOSECONDS);
            try {
                String head = method + " " + path + " HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Accept: application/json\r\n"
                        + (body == null ? "" : "Content-Type: application/json\r\n")
                        + "Content-Length: " + (body == null ? 0 : body.length) + "\r\n"
                        + "\r\n";
                writeFully(channel, head.getBytes(StandardCharsets.US_ASCII));
                if (body != null) {
                    writeFully(channel, body);
                }
                return read(new ChannelStreams.In(channel));
            } catch (IOException e) {
                if (deadline.isDone()) {
                    throw new IOException(method + " " + path + " got no answer within " + limit.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
        }
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + status, e);
        }
        long length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        if (code == 204 || code == 304 || code / 100 == 1 || length == 0) {
            return new Response(code, "");
        }
        if (length > MAX_BODY) {
            throw new IOException("an answer of " + length + " bytes is too long");
        }
        // without a length the body runs to the end of the connection
        byte[] bytes = length < 0 ? in.readNBytes(MAX_BODY) : in.readNBytes((int) length);
        if (length >= 0 && bytes.length < length) {
            throw new IOException("the answer ended after " + bytes.length + " of " + length + " bytes");
        }
        return new Response(code, new String(bytes, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside an answer's head");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("an answer's head line is too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
