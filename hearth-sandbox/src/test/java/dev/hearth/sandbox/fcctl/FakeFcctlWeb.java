package dev.hearth.sandbox.fcctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for fcctl-web that keeps its VMs, checks the bearer token and the shape of every
 * request (a malformed one gets 400 and is remembered, so a test fails when the client ever sends
 * one), and runs each {@code execute}'s code for real with {@code bash -c} under {@code setsid}, with the
 * given working directory and timeout. A "VM" is its disk, the directory {@code <guestDir>/<vm_name>}
 * (where the client puts the work root), and its own temporary directory; deleting it kills the process
 * groups its commands made and removes both. Faults are switched on per test through {@link #faults}.
 */
final class FakeFcctlWeb implements AutoCloseable {
    /** Put in every command's environment by the "agent", to show it does not leak into a step's. */
    static final String AGENT_VARIABLE = "FCCTL_AGENT_SECRET";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What goes wrong, set by a test before it acts. */
    static final class Faults {
        volatile boolean createFails;
        volatile Start start = Start.RUNS;
        volatile boolean executeFails;
        volatile boolean executeHangs;
        final AtomicInteger deleteFailures = new AtomicInteger();
        volatile boolean deleteAlwaysFails;
    }

    enum Start { RUNS, NEVER_RUNS, FAILS }

    /** One execute call as the fake saw it. */
    record ExecuteCall(String vmId, String code, long timeoutSeconds, String workingDir) {
    }

    private static final class Vm {
        final String id;
        final String name;
        final Path disk;
        final Path state;
        final Set<Long> groups = ConcurrentHashMap.newKeySet();
        final AtomicInteger polls = new AtomicInteger();

        Vm(String id, String name, Path disk, Path state) {
            this.id = id;
            this.name = name;
            this.disk = disk;
            this.state = state;
        }
    }

    final Faults faults = new Faults();
    private final String token;
    private final Path guestDir;
    private final Path stateDir;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Vm> vms = new ConcurrentHashMap<>();
    private final List<String> badRequests = new CopyOnWriteArrayList<>();
    private final List<ExecuteCall> executes = new CopyOnWriteArrayList<>();
    private final AtomicInteger createCalls = new AtomicInteger();
    private final AtomicInteger deleteCalls = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private boolean closed;

    FakeFcctlWeb(String token, Path guestDir, Path stateDir) throws IOException {
        this.token = token;
        this.guestDir = guestDir;
        this.stateDir = stateDir;
        Files.createDirectories(guestDir);
        Files.createDirectories(stateDir);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The ids of the VMs made and not deleted. */
    Set<String> liveVms() {
        return Set.copyOf(vms.keySet());
    }

    List<String> badRequests() {
        return List.copyOf(badRequests);
    }

    List<ExecuteCall> executes() {
        return List.copyOf(executes);
    }

    int createCalls() {
        return createCalls.get();
    }

    int deleteCalls() {
        return deleteCalls.get();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        threads.shutdownNow();
        for (Vm vm : vms.values()) {
            killGroups(vm);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = exchange.getRequestURI().getPath().replaceAll("^/+", "").split("/");
            if (method.equals("GET") && path.length == 1 && path[0].equals("health")) {
                answer(exchange, 200, JSON.createObjectNode().put("status", "healthy"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + token).equals(auth)) {
                // echoes what it was given, as careless servers do: the client must not repeat it
                answer(exchange, 401, error("invalid token: " + auth));
                return;
            }
            route(exchange, method, path);
        } catch (RuntimeException e) {
            answer(exchange, 500, error("fake failed: " + e));
        }
    }

    private void route(HttpExchange exchange, String method, String[] path) throws IOException {
        boolean vms0 = path.length >= 2 && path[0].equals("api") && path[1].equals("vms");
        if (method.equals("POST") && path.length == 2 && vms0) {
            createVm(exchange);
        } else if (method.equals("GET") && path.length == 3 && vms0) {
            status(exchange, path[2]);
        } else if (method.equals("DELETE") && path.length == 3 && vms0) {
            deleteVm(exchange, path[2]);
        } else if (method.equals("POST") && path.length == 4 && vms0 && path[3].equals("snapshots")) {
            snapshot(exchange, path[2]);
        } else if (method.equals("POST") && path.length == 5 && vms0 && path[3].equals("rollback")) {
            rollback(exchange, path[2], path[4]);
        } else if (method.equals("POST") && path.length == 3 && path[0].equals("api") && path[1].equals("llm")
                && path[2].equals("execute")) {
            execute(exchange);
        } else {
            answer(exchange, 404, error("no route " + method + " " + String.join("/", path)));
        }
    }

    private void createVm(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange, Map.of("vm_type", Kind.TEXT, "vm_name", Kind.TEXT));
        if (body == null) {
            return;
        }
        createCalls.incrementAndGet();
        if (faults.createFails) {
            answer(exchange, 500, error("no capacity for vm_type " + body.get("vm_type").asText()));
            return;
        }
        String id = "vm-" + ids.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String name = body.get("vm_name").asText();
        Path state = stateDir.resolve(id);
        Files.createDirectories(state.resolve("tmp"));
        vms.put(id, new Vm(id, name, guestDir.resolve(name), state));
        answer(exchange, 201, JSON.createObjectNode().put("id", id).put("name", name).put("status", "creating"));
    }

    private void status(HttpExchange exchange, String id) throws IOException {
        if (!noBody(exchange)) {
            return;
        }
        Vm vm = vms.get(id);
        if (vm == null) {
            answer(exchange, 404, error("VM not found: " + id));
            return;
        }
        int polls = vm.polls.incrementAndGet();
        String status = switch (faults.start) {
            case RUNS -> polls > 2 ? "running" : "starting";
            case NEVER_RUNS -> "starting";
            case FAILS -> polls > 1 ? "failed" : "starting";
        };
        answer(exchange, 200, JSON.createObjectNode().put("id", id).put("name", vm.name).put("status", status));
    }

    private void deleteVm(HttpExchange exchange, String id) throws IOException {
        if (!noBody(exchange)) {
            return;
        }
        deleteCalls.incrementAndGet();
        Vm vm = vms.get(id);
        if (vm == null) {
            answer(exchange, 404, error("VM not found: " + id));
            return;
        }
        if (faults.deleteAlwaysFails || faults.deleteFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 500, error("hypervisor busy, VM " + id + " not deleted"));
            return;
        }
        vms.remove(id);
        killGroups(vm);
        Trees.delete(vm.disk);
        Trees.delete(vm.state);
        answer(exchange, 200, JSON.createObjectNode().put("message", "VM " + id + " deleted"));
    }

    private void snapshot(HttpExchange exchange, String id) throws IOException {
        JsonNode body = body(exchange, Map.of("name", Kind.TEXT, "description", Kind.ANY_TEXT));
        if (body == null) {
            return;
        }
        Vm vm = running(exchange, id);
        if (vm == null) {
            return;
        }
        String snapshotId = "snap-" + UUID.randomUUID();
        Path copy = vm.state.resolve("snapshots").resolve(snapshotId);
        Files.createDirectories(copy);
        if (Files.exists(vm.disk)) {
            Trees.copy(vm.disk, copy.resolve("disk"));
        }
        answer(exchange, 201, JSON.createObjectNode().put("snapshot_id", snapshotId));
    }

    private void rollback(HttpExchange exchange, String id, String snapshotId) throws IOException {
        JsonNode body = body(exchange, Map.of());
        if (body == null) {
            return;
        }
        Vm vm = running(exchange, id);
        if (vm == null) {
            return;
        }
        Path copy = vm.state.resolve("snapshots").resolve(snapshotId);
        if (!snapshotId.startsWith("snap-") || !Files.isDirectory(copy)) {
            answer(exchange, 404, error("snapshot not found: " + snapshotId));
            return;
        }
        killGroups(vm);
        Trees.delete(vm.disk);
        if (Files.exists(copy.resolve("disk"))) {
            Trees.copy(copy.resolve("disk"), vm.disk);
        }
        answer(exchange, 200, JSON.createObjectNode().put("message", "rolled back"));
    }

    private void execute(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange, Map.of("agent_id", Kind.TEXT, "language", Kind.TEXT, "code", Kind.ANY_TEXT,
                "vm_id", Kind.TEXT, "timeout_seconds", Kind.POSITIVE_INT, "working_dir", Kind.TEXT));
        if (body == null) {
            return;
        }
        if (!body.get("language").asText().equals("bash") || !body.get("working_dir").asText().startsWith("/")) {
            bad(exchange, "execute: language must be bash and working_dir absolute: " + body);
            return;
        }
        long timeout = body.get("timeout_seconds").asLong();
        String code = body.get("code").asText();
        String workingDir = body.get("working_dir").asText();
        executes.add(new ExecuteCall(body.get("vm_id").asText(), code, timeout, workingDir));
        Vm vm = running(exchange, body.get("vm_id").asText());
        if (vm == null) {
            return;
        }
        if (faults.executeFails) {
            answer(exchange, 500, error("agent unreachable in " + vm.id));
            return;
        }
        if (faults.executeHangs) {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(120)); // until the test closes the fake
            } catch (InterruptedException e) {
                return;
            }
        }
        Instant started = Instant.now();
        ObjectNode result = JSON.createObjectNode()
                .put("execution_id", UUID.randomUUID().toString())
                .put("vm_id", vm.id);
        if (!Files.isDirectory(Path.of(workingDir))) {
            answer(exchange, 200, result.putNull("exit_code").put("stdout", "").put("stderr", "")
                    .put("duration_ms", 0).put("error", "working directory " + workingDir + " does not exist"));
            return;
        }
        String run = UUID.randomUUID().toString();
        Path out = vm.state.resolve(run + ".out");
        Path err = vm.state.resolve(run + ".err");
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", code)
                .directory(Path.of(workingDir).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("TMPDIR", vm.state.resolve("tmp").toString());
        builder.environment().put(AGENT_VARIABLE, "the agent's own");
        Process process = builder.start();
        // setsid from a process that leads no group execs without forking: the pid is the group
        vm.groups.add(process.pid());
        boolean ended;
        try {
            ended = process.waitFor(timeout, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            killGroup(process.pid());
            return;
        }
        if (!ended) {
            killGroup(process.pid());
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                return;
            }
        }
        result.put("exit_code", ended ? process.exitValue() : -1)
                .put("stdout", Files.readString(out, StandardCharsets.UTF_8))
                .put("stderr", Files.readString(err, StandardCharsets.UTF_8))
                .put("duration_ms", java.time.Duration.between(started, Instant.now()).toMillis())
                .put("started_at", started.toString())
                .put("completed_at", Instant.now().toString());
        if (ended) {
            result.putNull("error");
        } else {
            result.put("error", "Execution timed out after " + timeout + " seconds");
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        answer(exchange, 200, result);
    }

    private Vm running(HttpExchange exchange, String id) throws IOException {
        Vm vm = vms.get(id);
        if (vm == null) {
            answer(exchange, 404, error("VM not found: " + id));
            return null;
        }
        if (faults.start != Start.RUNS || vm.polls.get() <= 2) {
            answer(exchange, 409, error("VM " + id + " is not running"));
            return null;
        }
        return vm;
    }

    private enum Kind { TEXT, ANY_TEXT, POSITIVE_INT }

    /** The JSON body, which must have exactly these fields of these kinds; null (after a 400) if not. */
    private JsonNode body(HttpExchange exchange, Map<String, Kind> fields) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String where = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        if (type == null || !type.startsWith("application/json")) {
            bad(exchange, where + ": Content-Type is " + type);
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            bad(exchange, where + ": not JSON");
            return null;
        }
        if (body == null || !body.isObject()) {
            bad(exchange, where + ": not a JSON object");
            return null;
        }
        List<String> wrong = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.containsKey(name)) {
                wrong.add("unknown field " + name);
            }
        });
        fields.forEach((name, kind) -> {
            JsonNode value = body.get(name);
            boolean ok = value != null && switch (kind) {
                case TEXT -> value.isTextual() && !value.asText().isBlank();
                case ANY_TEXT -> value.isTextual();
                case POSITIVE_INT -> value.isIntegralNumber() && value.asLong() >= 1;
            };
            if (!ok) {
                wrong.add(name + " must be " + kind + " but is " + value);
            }
        });
        if (!wrong.isEmpty()) {
            bad(exchange, where + ": " + wrong);
            return null;
        }
        return body;
    }

    private boolean noBody(HttpExchange exchange) throws IOException {
        if (exchange.getRequestBody().readAllBytes().length > 0) {
            bad(exchange, exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " has a body");
            return false;
        }
        return true;
    }

    private void bad(HttpExchange exchange, String why) throws IOException {
        badRequests.add(why);
        answer(exchange, 400, error(why));
    }

    private static ObjectNode error(String text) {
        return JSON.createObjectNode().put("error", text);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (a timeout test): nobody to answer
        }
    }

    private void killGroups(Vm vm) {
        for (long group : vm.groups) {
            killGroup(group);
        }
        vm.groups.clear();
    }

    private static void killGroup(long group) {
        try {
            new ProcessBuilder("kill", "-9", "--", "-" + group).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
