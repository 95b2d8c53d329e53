package dev.hearth.sandbox.vm.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QEMU Machine Protocol connection: one JSON command per line, answered by one line holding
 * {@code "return"} or {@code "error"}, with asynchronous {@code "event"} lines in between (skipped).
 * The answers read here are few and flat (a status), so they are matched rather than parsed.
 */
final class Qmp implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");
    private static final Pattern ERROR_TEXT = Pattern.compile("\"desc\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects, reads the greeting and leaves capabilities negotiation mode. */
    static Qmp connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Qmp qmp = new Qmp(channel);
        try {
            String greeting = qmp.in.readLine();
            if (greeting == null || !greeting.contains("\"QMP\"")) {
                throw new IOException("no QMP greeting on " + socket + ": " + greeting);
            }
            qmp.execute("{\"execute\":\"qmp_capabilities\"}");
            return qmp;
        } catch (IOException | RuntimeException e) {
            qmp.close();
            throw e;
        }
    }

    /** Sends one command (a JSON object) and returns its answer line; fails on an error answer. */
    String execute(String command) throws IOException {
        out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("QEMU closed its QMP socket after " + command);
            }
            if (line.contains("\"return\"")) {
                return line;
            }
            if (line.contains("\"error\"")) {
                Matcher m = ERROR_TEXT.matcher(line);
                throw new IOException("QEMU refused " + command + ": " + (m.find() ? m.group(1) : line));
            }
            // an event: not an answer
        }
    }

    /** The {@code "status"} of an answer such as {@code query-migrate}'s, or empty text. */
    static String status(String answer) {
        Matcher m = STATUS.matcher(answer);
        return m.find() ? m.group(1) : "";
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket to a QEMU that may be gone
        }
    }
}
