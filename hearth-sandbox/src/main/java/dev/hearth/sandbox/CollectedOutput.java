package dev.hearth.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A sink that keeps all a short command writes, per stream, for the small probes Hearth runs in a
 * sandbox, such as asking for {@code $HOME} or which shells exist. A probe's answer is its standard
 * output; its standard error is kept to say why a probe failed.
 */
public final class CollectedOutput implements OutputSink {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Override
    public synchronized void stdout(byte[] bytes, int offset, int length) {
        stdout.write(bytes, offset, length);
    }

    @Override
    public synchronized void stderr(byte[] bytes, int offset, int length) {
        stderr.write(bytes, offset, length);
    }

    /** What came on stdout so far, as UTF-8 text. */
    public synchronized String text() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** What came on stderr so far, as UTF-8 text. */
    public synchronized String errorText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
