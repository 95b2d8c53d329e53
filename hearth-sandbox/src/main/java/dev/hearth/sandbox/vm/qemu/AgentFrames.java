package dev.hearth.sandbox.vm.qemu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The agent's frame layout ({@code u8 type | u32 id | u32 length | payload}, big-endian), enough to
 * greet a freshly booted or restored guest with a PING. Frames are read exactly, never ahead, so the
 * stream handed on after the greeting starts at a frame boundary.
 */
final class AgentFrames {
    static final int HELLO = 1;
    static final int PING = 9;
    static final int PONG = 10;

    /** The largest frame accepted here; the agent's output frames stay within 64 KiB. */
    private static final int MAX_PAYLOAD = 1 << 20;

    private AgentFrames() {
    }

    record Frame(int type, int id, byte[] payload) {
    }

    static void write(OutputStream out, int type, int id, byte[] payload) throws IOException {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) type;
        putInt(frame, 1, id);
        putInt(frame, 5, payload.length);
        System.arraycopy(payload, 0, frame, 9, payload.length);
        out.write(frame);
        out.flush();
    }

    static Frame read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(9);
        if (head.length < 9) {
            throw new EOFException("the agent's stream ended");
        }
        int length = getInt(head, 5);
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("the agent sent a frame of " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("the agent's stream ended inside a frame");
        }
        return new Frame(head[0] & 0xff, getInt(head, 1), payload);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
