package dev.hearth.sandbox.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a socket channel that read and write independently. The JDK's
 * {@code Channels.newInputStream} may hold the channel's blocking lock while a read waits, which
 * would stall the agent's writer behind its reader; these call the channel directly, whose reads and
 * writes have separate locks. Shared by the VM backends' connections to their guest agents.
 */
public final class ChannelStreams {
    private ChannelStreams() {
    }

    /** Reads from the channel. */
    public static final class In extends InputStream {
        private final SocketChannel channel;

        public In(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            return n < 0 ? -1 : n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Writes to the channel. */
    public static final class Out extends OutputStream {
        private final SocketChannel channel;

        public Out(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
