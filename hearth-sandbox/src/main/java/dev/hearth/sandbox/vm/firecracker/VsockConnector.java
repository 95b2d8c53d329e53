package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.vm.ChannelStreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens a host-to-guest vsock connection through Firecracker's unix socket: connect, send
 * {@code CONNECT <port>\n}, read {@code OK <host port>\n}; after that the stream is the guest's. When
 * nothing listens on the port in the guest yet, Firecracker closes the connection instead.
 */
final class VsockConnector {
    private VsockConnector() {
    }

    /** A connected stream to a guest port. */
    record Stream(SocketChannel channel, InputStream in, OutputStream out) {
    }

    static Stream connect(Path udsPath, int port, Duration limit) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(udsPath));
        ScheduledFuture<?> deadline = UnixHttp.DEADLINES.schedule(() -> UnixHttp.closeQuietly(channel),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            InputStream in = new ChannelStreams.In(channel);
            OutputStream out = new ChannelStreams.Out(channel);
            out.write(("CONNECT " + port + "\n").getBytes(StandardCharsets.US_ASCII));
            String answer = line(in);
            if (!answer.startsWith("OK ")) {
                throw new IOException("vsock port " + port + " answered '" + answer + "' instead of OK");
            }
            if (!deadline.cancel(false)) {
                throw new IOException("vsock port " + port + " did not answer within " + limit.toMillis() + " ms");
            }
            return new Stream(channel, in, out);
        } catch (IOException | RuntimeException e) {
            deadline.cancel(false);
            UnixHttp.closeQuietly(channel);
            throw e;
        }
    }

    /** One line, read a byte at a time so that nothing after it is taken from the guest's stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the vsock connection was closed before an answer (no listener in the guest yet?)");
            }
            if (line.size() > 256) {
                throw new IOException("the vsock handshake answer is too long");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
