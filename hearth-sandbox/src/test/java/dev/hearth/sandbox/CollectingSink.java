package dev.hearth.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps everything a command wrote, per stream. */
final class CollectingSink implements OutputSink {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        synchronized (out) {
            out.write(bytes, offset, length);
        }
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        synchronized (err) {
            err.write(bytes, offset, length);
        }
    }

    String stdout() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
