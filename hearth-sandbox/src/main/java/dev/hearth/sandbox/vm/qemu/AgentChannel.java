package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.vm.ChannelStreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        this.input = new ChannelStreams.In(socket);
        this.output = new ChannelStreams.Out(socket);
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
