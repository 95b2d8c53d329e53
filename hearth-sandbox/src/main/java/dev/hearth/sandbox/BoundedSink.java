package dev.hearth.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes on at most {@code limit} bytes of a command's output, stdout and stderr together, then drops
 * the rest and says so once on stderr: a step that prints without end must not fill the host's memory
 * or disk. The command itself goes on; only what it prints past the limit is lost.
 */
public final class BoundedSink implements OutputSink {
    private final OutputSink inner;
    private final long limit;
    private final AtomicLong seen = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();

    public BoundedSink(OutputSink inner, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("an output limit cannot be negative: " + limit);
        }
        this.inner = inner;
        this.limit = limit;
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        int n = admit(length);
        if (n > 0) {
            inner.stdout(bytes, offset, n);
        }
        if (n < length) {
            cut(length - n);
        }
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        int n = admit(length);
        if (n > 0) {
            inner.stderr(bytes, offset, n);
        }
        if (n < length) {
            cut(length - n);
        }
    }

    /** How many of {@code length} more bytes still fit. */
    private int admit(int length) {
        long before = seen.getAndAdd(length);
        return (int) Math.max(0, Math.min(length, limit - before));
    }

    /** Says so on the first bytes dropped, never again. */
    private void cut(int dropped) {
        if (dropped > 0 && told.compareAndSet(false, true)) {
            byte[] note = ("\nhearth: the output went past " + limit + " bytes; the rest was cut\n")
                    .getBytes(StandardCharsets.UTF_8);
            inner.stderr(note, 0, note.length);
        }
    }

    /** How many bytes the command printed in all, those cut included. */
    public long printed() {
        return seen.get();
    }
}
