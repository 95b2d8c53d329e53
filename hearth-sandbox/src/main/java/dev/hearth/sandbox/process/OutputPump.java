package dev.hearth.sandbox.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a command to its sink as bytes arrive, on its own thread.
 *
 * <p>A background process a command leaves behind (a server started with {@code &}) inherits the
 * command's stdout and stderr and keeps the pipes open, so end of file may come much later than the
 * command's exit. {@link #finish} therefore waits for end of file or, failing that, for the pump to
 * sit idle in a read for a quiet period after the command exited: the command's own bytes were all in
 * the pipe when it exited, so by then they have been delivered. Later bytes are read and dropped so
 * that the background process never blocks on a full pipe, and the sink is never called after
 * {@link #finish} returns.
 */
final class OutputPump implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPump.class);

    /** Where the bytes go. */
    interface Target {
        void accept(byte[] bytes, int offset, int length);
    }

    private final InputStream in;
    private final Target target;
    private final Object delivery = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean reading;
    private volatile long reads;
    private boolean detached; // guarded by delivery

    OutputPump(InputStream in, Target target) {
        this.in = in;
        this.target = target;
    }

    static OutputPump start(String name, InputStream in, Target target) {
        OutputPump pump = new OutputPump(in, target);
        Thread.ofPlatform().daemon().name(name).start(pump);
        return pump;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            while (true) {
                reading = true;
                int n = in.read(buffer);
                reading = false;
                reads++;
                if (n < 0) {
                    break;
                }
                deliver(buffer, n);
            }
        } catch (IOException e) {
            // The stream was closed under us: the process is gone and so is its output.
        } finally {
            reading = false;
            ended.countDown();
        }
    }

    private void deliver(byte[] buffer, int n) {
        synchronized (delivery) {
            if (detached) {
                return;
            }
            try {
                target.accept(buffer, 0, n);
            } catch (RuntimeException e) {
                // A failing sink must not stop the draining, or the command would block on a full pipe.
                LOG.warn("an output sink failed; dropping the rest of this stream", e);
                detached = true;
            }
        }
    }

    /**
     * Waits, after the command exited, until everything it wrote reached the sink: end of file, or
     * {@code quiet} spent blocked in a read with nothing arriving (a background process holds the pipe).
     */
    void finish(Duration quiet) throws InterruptedException {
        long seen = -1;
        long quietSince = 0;
        while (!ended.await(10, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            long count = reads;
            if (reading && count == seen) {
                if (quietSince == 0) {
                    quietSince = now;
                } else if (now - quietSince >= quiet.toNanos()) {
                    synchronized (delivery) {
                        detached = true;
                    }
                    return;
                }
            } else {
                seen = count;
                quietSince = 0;
            }
        }
    }
}
