package dev.hearth.sandbox.agent;

import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.QueuedExecution;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speaks to one running agent: starts commands, receives their output and exit, sends signals. One
 * reader thread takes the agent's frames in order; writes are serialized. When the agent's input is
 * closed ({@link #close()}, or this JVM dying) the agent kills everything it started and exits.
 */
public final class AgentClient implements AutoCloseable {
    static final int HELLO = 1, EXEC = 2, STARTED = 3, STDOUT = 4, STDERR = 5, EXIT = 6, SIGNAL = 7, ERROR = 8,
            PING = 9, PONG = 10, EXEC_AFTER = 11, DROPPED = 12, PUT = 13, GET = 14, LIST = 15, STAT = 16, REMOVE = 17,
            MKDIR = 18, SYMLINK = 19, READLINK = 20, KILL_ALL = 21, DONE = 22;
    /** How long a file operation may take before the agent is taken for stuck. */
    private static final Duration FILE_CALL_LIMIT = Duration.ofMinutes(5);
    private static final int MAX_EXEC_PAYLOAD = 1 << 20;
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hearth-agent-timeouts").factory());

    private final Connection connection;
    private final java.io.InputStream fromAgent;
    private final OutputStream toAgent;
    private final Map<Integer, Command> commands = new ConcurrentHashMap<>();
    private final Map<Integer, FileCall> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<String> hello = new CompletableFuture<>();
    private volatile String lost;

    /**
     * The byte stream an agent is reached by, and what ends it: the agent's own process here, a
     * virtio-serial port or a vsock connection of a VM.
     */
    public interface Connection {
        /** Whether the other end may still be there. */
        boolean isOpen();

        /** Lets go of the stream once the agent's input is closed; waits for a process to end. */
        void close();
    }

    private AgentClient(String name, java.io.InputStream in, OutputStream out, Connection connection) {
        this.connection = connection;
        this.fromAgent = in;
        this.toAgent = new BufferedOutputStream(out, 64 * 1024);
        Thread.ofPlatform().daemon().name("hearth-agent-" + name).start(this::readFrames);
    }

    /** Starts an agent on this machine and waits for its greeting. */
    public static AgentClient start(Path binary) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(binary.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        Process process = builder.start();
        AgentClient client = new AgentClient(Long.toString(process.pid()), process.getInputStream(),
                process.getOutputStream(), new ProcessConnection(process));
        try {
            client.hello.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IOException("interrupted while the exec agent started", e);
        } catch (ExecutionException | TimeoutException e) {
            client.close();
            throw new IOException("the exec agent did not start: " + e.getMessage(), e);
        }
        return client;
    }

    /**
     * Speaks to an agent already running at the other end of a stream (a VM's), once it answers a
     * ping: its greeting went out when it started, maybe before anyone listened.
     *
     * @param name    for the reader thread's name
     * @param answer  how long to wait for the agent's answer
     * @throws IOException when it does not answer in time; the connection is closed then
     */
    public static AgentClient connect(String name, java.io.InputStream in, OutputStream out, Connection connection,
                                      Duration answer) throws IOException {
        AgentClient client = new AgentClient(name, new java.io.BufferedInputStream(in, 64 * 1024), out, connection);
        try {
            client.ping(answer);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Waits for the agent to answer a ping. */
    public void ping(Duration limit) throws IOException {
        call(PING, new byte[0], null, limit);
    }

    /** The agent's process id, where it is a process of this machine. */
    public long pid() {
        if (connection instanceof ProcessConnection p) {
            return p.process.pid();
        }
        throw new UnsupportedOperationException("this agent is not a process of this machine");
    }

    /** Whether the agent still answers. */
    public boolean isAlive() {
        return lost == null && connection.isOpen();
    }

    /** The agent's own process, as a connection. */
    private record ProcessConnection(Process process) implements Connection {
        @Override
        public boolean isOpen() {
            return process.isAlive();
        }

        @Override
        public void close() {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** What kind of thing a path names, and its size. */
    public record Stat(char type, long size) {
        public boolean isFile() {
            return type == 'f';
        }

        public boolean isDirectory() {
            return type == 'd';
        }

        public boolean isLink() {
            return type == 'l';
        }
    }

    /** One name in a directory: its type is {@code f}, {@code d}, {@code l} or {@code o} (other). */
    public record Entry(String name, char type) {
    }

    /** The largest part of a file one PUT frame carries. */
    static final int PUT_CHUNK = 512 * 1024;

    /** Writes a file (parents made), replacing it, in parts that fit the agent's frames. */
    public void putFile(String path, byte[] content, int mode) throws IOException {
        int at = 0;
        boolean first = true;
        do {
            int n = Math.min(PUT_CHUNK, content.length - at);
            ByteArrayOutputStream b = new ByteArrayOutputStream(n + path.length() + 16);
            writeInt(b, first ? 2 : 1);
            writeInt(b, mode);
            writeString(b, path);
            b.write(content, at, n);
            call(PUT, b.toByteArray(), null, FILE_CALL_LIMIT);
            at += n;
            first = false;
        } while (at < content.length);
    }

    /**
     * Copies a file's bytes to {@code out}.
     *
     * @return the file's permission bits
     * @throws IOException when it is missing, not a regular file, or larger than {@code maxBytes}
     */
    public int getFile(String path, long maxBytes, OutputStream out) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(path.length() + 8);
        writeInt(b, (int) Math.min(maxBytes, 0xFFFF_FFFFL));
        writeString(b, path);
        byte[] done = call(GET, b.toByteArray(), out, FILE_CALL_LIMIT);
        return done.length >= 4 ? readInt(done, 0) : 0644;
    }

    /** The names in a directory, unsorted; empty when it is missing or not a directory. */
    public List<Entry> list(String path) throws IOException {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        call(LIST, pathPayload(path), names, FILE_CALL_LIMIT);
        byte[] all = names.toByteArray();
        List<Entry> entries = new java.util.ArrayList<>();
        for (int at = 0; at < all.length; ) {
            int end = at;
            while (end < all.length && all[end] != 0) {
                end++;
            }
            if (end - at >= 2) {
                entries.add(new Entry(new String(all, at + 2, end - at - 2, StandardCharsets.UTF_8), (char) all[at]));
            }
            at = end + 1;
        }
        return entries;
    }

    /** What a path names (not following a link), or empty when nothing is there. */
    public java.util.Optional<Stat> stat(String path) throws IOException {
        byte[] b = call(STAT, pathPayload(path), null, FILE_CALL_LIMIT);
        if (b.length < 9 || b[0] == '-') {
            return java.util.Optional.empty();
        }
        long size = (readInt(b, 1) & 0xFFFF_FFFFL) << 32 | (readInt(b, 5) & 0xFFFF_FFFFL);
        return java.util.Optional.of(new Stat((char) b[0], size));
    }

    /** Deletes a file or a directory tree; nothing happens when it is missing. */
    public void remove(String path) throws IOException {
        call(REMOVE, pathPayload(path), null, FILE_CALL_LIMIT);
    }

    /** Creates a directory and its parents. */
    public void makeDirectories(String path) throws IOException {
        call(MKDIR, pathPayload(path), null, FILE_CALL_LIMIT);
    }

    /** Makes {@code path} a symbolic link to {@code target} (parents made, anything there replaced). */
    public void symlink(String target, String path) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeString(b, target);
        writeString(b, path);
        call(SYMLINK, b.toByteArray(), null, FILE_CALL_LIMIT);
    }

    /** Where a symbolic link points. */
    public String readLink(String path) throws IOException {
        return new String(call(READLINK, pathPayload(path), null, FILE_CALL_LIMIT), StandardCharsets.UTF_8);
    }

    /** Kills every process group the agent started and every process left to it; the agent stays. */
    public void killAll() throws IOException {
        call(KILL_ALL, new byte[0], null, Duration.ofSeconds(30));
    }

    private static byte[] pathPayload(String path) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(path.length() + 1);
        writeString(b, path);
        return b.toByteArray();
    }

    /** A request the agent answers with DONE (or ERROR), its data frames going to {@code data}. */
    private byte[] call(int type, byte[] payload, OutputStream data, Duration limit) throws IOException {
        int id = ids.incrementAndGet();
        FileCall call = new FileCall(data);
        calls.put(id, call);
        try {
            if (lost != null) {
                throw new IOException("the exec agent is gone: " + lost);
            }
            send(type, id, payload);
            return call.answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the exec agent");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the exec agent did not answer within " + limit.toSeconds() + " s");
        } finally {
            calls.remove(id);
        }
    }

    /** A file operation waiting for its answer. */
    private static final class FileCall {
        final OutputStream data;
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        volatile IOException failure;

        FileCall(OutputStream data) {
            this.data = data;
        }

        void data(byte[] b, int length) {
            if (data == null || failure != null) {
                return;
            }
            try {
                data.write(b, 0, length);
            } catch (IOException e) {
                failure = e; // told when the answer comes, so the agent's stream stays in step
            }
        }

        void done(byte[] b, int length) {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(java.util.Arrays.copyOf(b, length));
            }
        }
    }

    /**
     * Starts a command; returns once the request is sent, without waiting for the agent's answer (that
     * wait would cost a thread hand-off per command). A command the agent cannot start ends like one a
     * shell cannot start: exit 126, the reason on stderr; a program that is not found exits 127.
     *
     * @param file    a file the agent creates just before the command starts (it must not exist) and
     *                deletes once the command ended, or null
     * @param started told the command's pid, which is also its process group, before output arrives
     *                (on the reader thread; {@link #awaitStarts} waits for it)
     * @throws IOException when the agent is gone or the request cannot be encoded
     */
    public Execution start(List<String> argv, Map<String, String> env, String cwd, ExecRequest.File file,
                           Duration timeout, OutputSink sink, java.util.function.LongConsumer started)
            throws IOException {
        byte[] payload = execPayload(argv, env, cwd, file);
        int id = ids.incrementAndGet();
        Command command = new Command(id, argv.getFirst(), sink, started, timeout);
        register(command, EXEC, payload);
        command.armTimeout();
        return command;
    }

    /**
     * Queues a command behind {@code previous} (a command of this client): the agent starts it when
     * {@code previous} ends with code 0, having printed no {@code ::} or {@code ##[}, and having left
     * each of {@code files} absent or empty; else it drops it. The timeout counts from the start. Its
     * {@code file}, as for {@link #start}, exists only once it starts.
     */
    public QueuedExecution startAfter(Execution previous, List<String> files, List<String> argv,
                                      Map<String, String> env, String cwd, ExecRequest.File file, Duration timeout,
                                      java.time.Instant notAfter, OutputSink sink,
                                      java.util.function.LongConsumer started) throws IOException {
        if (!(previous instanceof Command before) || before.owner() != this) {
            throw new IllegalArgumentException("the previous command was not started by this agent");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        writeInt(b, before.id);
        writeInt(b, files.size());
        for (String f : files) {
            writeString(b, f);
        }
        b.write(execPayload(argv, env, cwd, file));
        int id = ids.incrementAndGet();
        Command command = new Command(id, argv.getFirst(), sink, started, timeout);
        command.queued = true;
        command.notAfter = notAfter;
        register(command, EXEC_AFTER, b.toByteArray());
        return command;
    }

    private void register(Command command, int type, byte[] payload) throws IOException {
        commands.put(command.id, command);
        try {
            // Checked after registering: either the reader ending sees this command, or this sees it ended.
            if (lost != null) {
                throw new IOException("the exec agent is gone: " + lost);
            }
            send(type, command.id, payload);
        } catch (IOException e) {
            commands.remove(command.id);
            throw e;
        }
    }

    /**
     * Waits until the agent has told the pid of every command started so far (or refused it), so that a
     * caller about to kill what it started knows every group. Gives up after {@code limit}.
     */
    public void awaitStarts(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Command c : commands.values()) {
            if (c.queued && !c.decided.isDone()) {
                continue; // waits for a command still running; it has no process yet
            }
            try {
                c.pid.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // refused, lost, or too slow: nothing more to wait for
            }
        }
    }

    private static byte[] execPayload(List<String> argv, Map<String, String> env, String cwd, ExecRequest.File file)
            throws IOException {
        // The strings gathered as text and encoded once: this runs for every step, with ~60 variables.
        StringBuilder text = new StringBuilder(4096);
        for (String a : argv) {
            appendString(text, a);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            refuseNul(e.getKey());
            refuseNul(e.getValue());
            text.append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        appendString(text, cwd);
        if (file != null) {
            appendString(text, file.path());
        }
        byte[] strings = text.toString().getBytes(StandardCharsets.UTF_8);
        int content = file == null ? 0 : file.content().length;
        if ((long) strings.length + content + 8 > MAX_EXEC_PAYLOAD) {
            throw new IOException("the command, its environment and its file take " + (strings.length + content + 8L)
                    + " bytes; at most " + MAX_EXEC_PAYLOAD + " fit");
        }
        byte[] payload = new byte[strings.length + content + 8];
        putInt(payload, 0, argv.size());
        putInt(payload, 4, env.size());
        System.arraycopy(strings, 0, payload, 8, strings.length);
        if (file != null) {
            System.arraycopy(file.content(), 0, payload, 8 + strings.length, content);
        }
        return payload;
    }

    private static void appendString(StringBuilder text, String s) throws IOException {
        refuseNul(s);
        text.append(s).append('\0');
    }

    private static void refuseNul(String s) throws IOException {
        if (s.indexOf('\0') >= 0) {
            throw new IOException("a NUL character cannot be passed to a process: " + s.replace('\0', '?'));
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void writeString(ByteArrayOutputStream b, String s) throws IOException {
        refuseNul(s);
        b.write(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private void send(int type, int id, byte[] payload) throws IOException {
        if (lost != null) {
            throw new IOException("the exec agent is gone: " + lost);
        }
        synchronized (toAgent) {
            toAgent.write(type);
            writeInt(toAgent, id);
            writeInt(toAgent, payload.length);
            toAgent.write(payload);
            toAgent.flush();
        }
    }

    private void readFrames() {
        try (DataInputStream in = new DataInputStream(fromAgent)) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int type = in.read();
                if (type < 0) {
                    throw new EOFException("the exec agent ended");
                }
                int id = in.readInt();
                int length = in.readInt();
                if (length < 0 || length > buffer.length) {
                    throw new IOException("the exec agent sent a frame of " + length + " bytes");
                }
                in.readFully(buffer, 0, length);
                dispatch(type, id, buffer, length);
            }
        } catch (IOException e) {
            lost = e.getMessage();
        } finally {
            if (lost == null) {
                lost = "the exec agent ended";
            }
            hello.completeExceptionally(new IOException(lost));
            for (FileCall call : calls.values()) {
                call.answer.completeExceptionally(new IOException("the exec agent is gone: " + lost));
            }
            for (Command c : commands.values()) {
                c.lost(lost);
            }
            commands.clear();
        }
    }

    private void dispatch(int type, int id, byte[] buffer, int length) {
        if (type == HELLO) {
            hello.complete(new String(buffer, 0, length, StandardCharsets.UTF_8));
            return;
        }
        FileCall call = calls.get(id);
        if (call != null) {
            switch (type) {
                case STDOUT -> call.data(buffer, length);
                case DONE, PONG -> call.done(buffer, length);
                case ERROR -> call.answer.completeExceptionally(
                        new IOException(new String(buffer, 0, length, StandardCharsets.UTF_8)));
                default -> {
                    // not part of a file operation's answer
                }
            }
            return;
        }
        Command c = commands.get(id);
        if (c == null) {
            return;
        }
        switch (type) {
            case STARTED -> c.started(readInt(buffer, 0));
            case DROPPED -> {
                commands.remove(id);
                c.dropped(new String(buffer, 0, length, StandardCharsets.UTF_8));
            }
            case STDOUT -> c.sink.stdout(buffer, 0, length);
            case STDERR -> c.sink.stderr(buffer, 0, length);
            case EXIT -> {
                commands.remove(id);
                c.exited(readInt(buffer, 0), readInt(buffer, 4));
            }
            case ERROR -> {
                commands.remove(id);
                c.refused(new String(buffer, 0, length, StandardCharsets.UTF_8));
            }
            default -> {
                // a frame type this version does not know: ignored, for agents newer than us
            }
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** Closes the agent's input: it kills what it started and exits. Idempotent. */
    @Override
    public void close() {
        try {
            synchronized (toAgent) {
                toAgent.close();
            }
        } catch (IOException e) {
            // already closed
        }
        connection.close();
    }

    /** One command the agent runs, or holds queued. */
    private final class Command implements QueuedExecution {
        final int id;
        final String program;
        final OutputSink sink;
        final java.util.function.LongConsumer onStarted;
        final CompletableFuture<Long> pid = new CompletableFuture<>();
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        final AtomicBoolean timedOut = new AtomicBoolean();
        final Duration timeout;
        /** For a queued command: true once it started, false once dropped. */
        final CompletableFuture<Boolean> decided = new CompletableFuture<>();
        volatile boolean queued;
        volatile String dropReason;
        volatile long startNanos = System.nanoTime();
        volatile java.time.Instant notAfter;

        Command(int id, String program, OutputSink sink, java.util.function.LongConsumer onStarted, Duration timeout) {
            this.id = id;
            this.program = program;
            this.sink = sink;
            this.onStarted = onStarted;
            this.timeout = timeout;
        }

        AgentClient owner() {
            return AgentClient.this;
        }

        void armTimeout() {
            Duration limit = timeout;
            if (notAfter != null) {
                Duration left = Duration.between(java.time.Instant.now(), notAfter);
                limit = limit == null || left.compareTo(limit) < 0 ? (left.isNegative() ? Duration.ZERO : left) : limit;
            }
            if (limit != null) {
                var timer = TIMEOUTS.schedule(this::timeOut, limit.toNanos(), TimeUnit.NANOSECONDS);
                exit.whenComplete((s, e) -> timer.cancel(false));
            }
        }

        void started(long processId) {
            if (queued) {
                startNanos = System.nanoTime();
                armTimeout();
            }
            onStarted.accept(processId);
            pid.complete(processId);
            decided.complete(true);
        }

        void dropped(String why) {
            dropReason = why;
            pid.completeExceptionally(new IOException("dropped: " + why));
            decided.complete(false);
            exit.complete(new ExitStatus(-1, 0, false, 0));
        }

        @Override
        public boolean awaitStart() throws InterruptedException {
            try {
                return decided.get();
            } catch (ExecutionException e) {
                return false;
            }
        }

        @Override
        public String dropReason() {
            return dropReason;
        }

        void exited(int code, int signal) {
            exit.complete(new ExitStatus(code, signal, timedOut.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
        }

        void refused(String message) {
            decided.complete(true); // it was to start and could not: it ends as a command that failed to start
            pid.completeExceptionally(new IOException(message));
            byte[] text = ("hearth: cannot start " + program + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
            sink.stderr(text, 0, text.length);
            exit.complete(new ExitStatus(126, 0, false,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
        }

        void lost(String why) {
            decided.complete(true);
            pid.completeExceptionally(new IOException(why));
            byte[] text = ("hearth: the exec agent ended while this command ran: " + why + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            if (!exit.isDone()) {
                sink.stderr(text, 0, text.length);
            }
            exit.complete(new ExitStatus(255, 0, timedOut.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
        }

        void timeOut() {
            if (!exit.isDone()) {
                timedOut.set(true);
                signal(9);
            }
        }

        @Override
        public ExitStatus await() throws InterruptedException {
            try {
                return exit.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void signal(int signal) {
            if (exit.isDone()) {
                return;
            }
            byte[] payload = {(byte) (signal >>> 24), (byte) (signal >>> 16), (byte) (signal >>> 8), (byte) signal};
            try {
                send(SIGNAL, id, payload);
            } catch (IOException e) {
                // the agent is gone, and with it the command
            }
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }
    }
}
