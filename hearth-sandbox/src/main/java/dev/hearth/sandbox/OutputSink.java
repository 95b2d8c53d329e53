package dev.hearth.sandbox;

/**
 * Receives a command's output as it comes. Calls for one stream arrive in order from one thread at a
 * time; stdout and stderr may arrive on different threads. The bytes are only valid during the call.
 */
public interface OutputSink {
    void stdout(byte[] bytes, int offset, int length);

    void stderr(byte[] bytes, int offset, int length);

    /** A sink that drops everything. */
    OutputSink DISCARD = new OutputSink() {
        @Override
        public void stdout(byte[] bytes, int offset, int length) {
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
        }
    };
}
