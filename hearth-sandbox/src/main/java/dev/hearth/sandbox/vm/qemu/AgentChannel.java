package dev.hearth.sandbox.vm.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream to a VM's guest agent: the host end of its virtio-serial port, connected and
 * greeted (the agent has answered a PING, and the stream starts at a frame boundary). Reading and
 * writing may go on at once from two threads. Closing either stream, or the channel, closes the
 * connection, which the guest takes as the end: its agent kills what it started and the guest powers off.
 */
public final class AgentChannel implements AutoCloseable {
    private final SocketChannel socket;
    private final InputStream input;
    private final OutputStream output;

    AgentChannel(SocketChannel socket) {
        this.socket = socket;
        // Not Channels.newInputStream/newOutputStream: these share one lock between reading and
        // writing on some JDKs, and the agent client reads and writes at once.
        this.input = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return socket.read(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
        this.output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    socket.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /** What the agent sends. */
    public InputStream input() {
        return input;
    }

    /** What goes to the agent; unbuffered, so every write reaches the socket. */
    public OutputStream output() {
        return output;
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone with its VM
        }
    }
}
