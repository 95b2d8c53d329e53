package dev.hearth.sandbox.process;

import dev.hearth.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watchdog process that kills what sandboxes left running when this JVM dies without running its
 * shutdown hooks (SIGKILL, a crash, the OOM killer).
 *
 * <p>It is a small bash script, started in its own session so that a terminal's Ctrl-C does not reach
 * it, ignoring INT, TERM and HUP. The JVM tells it over its stdin which process groups and
 * {@link SandboxMarker markers} are live ({@code +g <pgid>}, {@code -g <pgid>}, {@code +m <marker>},
 * {@code -m <marker>}). Only the JVM holds the other end of that pipe, so end of file means the JVM
 * is gone: the script then kills every registered group, then every process whose environment carries
 * a registered marker, and exits.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private static final String SCRIPT = """
            trap '' INT TERM HUP
            declare -A groups=() markers=()
            while IFS= read -r line; do
              case $line in
                "+g "*) groups[${line#+g }]=1 ;;
                "-g "*) unset "groups[${line#-g }]" ;;
                "+m "*) markers[${line#+m }]=1 ;;
                "-m "*) unset "markers[${line#-m }]" ;;
              esac
            done
            for g in "${!groups[@]}"; do kill -s KILL -- "-$g" 2>/dev/null; done
            (( ${#markers[@]} )) || exit 0
            for round in 1 2 3 4 5 6 7 8 9 10; do
              pids=()
              while IFS= read -r f; do f=${f#/proc/}; pids+=("${f%/environ}"); done < <(
                printf 'HEARTH_SANDBOX_ID=%s\\n' "${!markers[@]}" | grep -lzxF -f - /proc/[0-9]*/environ 2>/dev/null)
              (( ${#pids[@]} )) || exit 0
              kill -s KILL "${pids[@]}" 2>/dev/null
            done
            """;

    private static Reaper shared;

    private final Process process;
    private final Writer commands;
    private boolean broken;

    private Reaper(Process process) {
        this.process = process;
        OutputStream stdin = process.getOutputStream();
        this.commands = new OutputStreamWriter(stdin, StandardCharsets.US_ASCII);
    }

    /** The JVM's reaper, started on first use. */
    public static synchronized Reaper shared() throws SandboxException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /**
     * At a normal exit, once every sandbox is destroyed: ends the shared reaper, if one was started,
     * waiting up to {@code limit} for it. Besides killing what might still be registered, this spares
     * every exit some 300 ms: HotSpot's exit waits that long for threads in native code, and the
     * JDK's thread waiting for a live child process is one.
     */
    public static void closeSharedAtExit(java.time.Duration limit) {
        Reaper r;
        synchronized (Reaper.class) {
            r = shared;
            shared = null;
        }
        if (r == null) {
            return;
        }
        try {
            r.closeAndWait(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a new reaper; {@link #shared()} is the one sandboxes use. */
    public static Reaper start() throws SandboxException {
        String setsid = Executables.require("setsid").toString();
        String bash = Executables.require("bash").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(setsid, bash, "-c", SCRIPT))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(new File("/"));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        try {
            return new Reaper(builder.start());
        } catch (IOException e) {
            throw new SandboxException("cannot start the reaper that cleans up after a killed JVM: " + e.getMessage(), e);
        }
    }

    /** The watchdog's pid. */
    public long pid() {
        return process.pid();
    }

    /** Whether the watchdog is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    public void watchGroup(long pgid) {
        send("+g " + pgid);
    }

    public void forgetGroup(long pgid) {
        send("-g " + pgid);
    }

    public void watchMarker(SandboxMarker marker) {
        send("+m " + marker.value());
    }

    public void forgetMarker(SandboxMarker marker) {
        send("-m " + marker.value());
    }

    private synchronized void send(String line) {
        if (broken) {
            return;
        }
        try {
            commands.write(line);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            broken = true;
            LOG.warn("the reaper (pid {}) is gone; processes will not be cleaned up if this JVM is killed",
                    process.pid(), e);
        }
    }

    /**
     * Closes the watchdog's stdin as the JVM's death would: it kills what is still registered and
     * exits. Waits for that.
     */
    public void closeAndWait() throws InterruptedException {
        closeAndWait(null);
    }

    /** As {@link #closeAndWait()}, waiting at most {@code limit} (null: as long as it takes). */
    public void closeAndWait(java.time.Duration limit) throws InterruptedException {
        synchronized (this) {
            broken = true;
            try {
                commands.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
        if (limit == null) {
            process.waitFor();
        } else {
            process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
