package dev.hearth.engine.job;

import dev.hearth.sandbox.OutputSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds the output of a step that the sandbox started ahead, while the engine still finishes the step
 * before it, and hands it over in order once the step's own log is ready for it.
 */
final class HeldSink implements OutputSink {
    private record Chunk(boolean stdout, byte[] bytes) {
    }

    private final List<Chunk> held = new ArrayList<>();
    private OutputSink target;

    @Override
    public synchronized void stdout(byte[] bytes, int offset, int length) {
        if (target != null) {
            target.stdout(bytes, offset, length);
        } else {
            held.add(new Chunk(true, Arrays.copyOfRange(bytes, offset, offset + length)));
        }
    }

    @Override
    public synchronized void stderr(byte[] bytes, int offset, int length) {
        if (target != null) {
            target.stderr(bytes, offset, length);
        } else {
            held.add(new Chunk(false, Arrays.copyOfRange(bytes, offset, offset + length)));
        }
    }

    /** Sends what was held to {@code to}, and everything that comes later straight there. */
    synchronized void release(OutputSink to) {
        for (Chunk c : held) {
            if (c.stdout) {
                to.stdout(c.bytes, 0, c.bytes.length);
            } else {
                to.stderr(c.bytes, 0, c.bytes.length);
            }
        }
        held.clear();
        target = to;
    }
}
