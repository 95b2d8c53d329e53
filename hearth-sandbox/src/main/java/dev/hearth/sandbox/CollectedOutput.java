package dev.hearth.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A sink that keeps a short command's standard output (its standard error is dropped), for the small
 * probes Hearth runs in a sandbox, such as asking for {@code $HOME} or which shells exist.
 */
public final class CollectedOutput implements OutputSink {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @Override
    public synchronized void stdout(byte[] bytes, int offset, int length) {
        stdout.write(bytes, offset, length);
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        // a probe answers on stdout; what it says on stderr is not part of the answer
    }

    /** What came on stdout so far, as UTF-8 text. */
    public synchronized String text() {
        return stdout.toString(StandardCharsets.UTF_8);
    }
}
