package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.vm.ChannelStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the {@code firecracker} binary, run as its own process by the tests where no
 * Firecracker or KVM exists. It serves the API socket and checks every request against
 * {@link ApiRules} and the order Firecracker's documentation requires (configuration before
 * {@code InstanceStart} and never after it, a kernel before a start, snapshots of a paused VM only,
 * a snapshot loaded into a fresh process only). A request that breaks a rule gets Firecracker's 400
 * with a {@code fault_message}, and is appended to the violations file, which the tests require empty.
 *
 * <p>The "guest" is the real exec agent run on this machine: started at {@code InstanceStart} (or a
 * restore), reached through the vsock unix socket with Firecracker's {@code CONNECT <port>} /
 * {@code OK <port>} handshake on the port the kernel command line names ({@code hearth.vsock=}), as
 * the guest's init would read it. When a connection ends the agent ends (as it does in a guest), and a
 * fresh one is started for the next connection, as the guest's init does. While the VM is paused, no
 * byte crosses the vsock.
 *
 * <p>Options, from the environment: {@code STANDIN_AGENT} the agent binary; {@code STANDIN_VIOLATIONS}
 * the violations file; {@code STANDIN_FAIL} a request ({@code PUT /machine-config}) to refuse as
 * Firecracker would refuse a bad configuration; {@code STANDIN_AGENT_MODE=silent} for a guest whose
 * vsock answers the handshake but whose agent never speaks; {@code STANDIN_ROOT} the chroot the stand-in
 * jailer ({@link StandIn#jailer()}) made.
 */
public final class FirecrackerStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VSOCK_PORT = Pattern.compile("(?:^| )hearth\\.vsock=(\\d+)(?: |$)");

    private enum State { CONFIGURING, RUNNING, PAUSED }

    private final Path violations;
    private final String fail;
    private final Path agentBinary;
    private final boolean silent;
    private final Object lock = new Object();
    private State state = State.CONFIGURING; // guarded by lock
    private boolean loaded;
    private JsonNode bootSource;
    private JsonNode machineConfig;
    private JsonNode vsock;
    private final Map<String, JsonNode> drives = new LinkedHashMap<>();
    private int agentPort = -1;
    private Process agent;
    private boolean agentBusy;

    private FirecrackerStandIn() {
        String v = System.getenv("STANDIN_VIOLATIONS");
        violations = v == null ? null : Path.of(v);
        fail = System.getenv().getOrDefault("STANDIN_FAIL", "");
        agentBinary = Path.of(System.getenv("STANDIN_AGENT"));
        silent = "silent".equals(System.getenv("STANDIN_AGENT_MODE"));
    }

    /**
     * A path as the process sees it. Under the stand-in jailer ({@code STANDIN_ROOT} set) an absolute
     * path is inside that folder, as it would be inside the real jailer's chroot; a relative one is
     * from the working folder either way.
     */
    private static Path at(String path) {
        String root = System.getenv("STANDIN_ROOT");
        return root != null && path.startsWith("/") ? Path.of(root + path) : Path.of(path);
    }

    public static void main(String[] args) throws Exception {
        String apiSock = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--api-sock" -> apiSock = args[++i];
                case "--id" -> {
                    String id = args[++i];
                    if (!id.matches("[A-Za-z0-9-]{1,64}")) {
                        System.err.println("invalid --id " + id);
                        System.exit(1);
                    }
                }
                default -> {
                    System.err.println("stand-in firecracker: unknown argument " + args[i]);
                    System.exit(1);
                }
            }
        }
        if (apiSock == null) {
            System.err.println("stand-in firecracker: --api-sock is required here");
            System.exit(1);
        }
        new FirecrackerStandIn().serve(at(apiSock));
    }

    private void serve(Path apiSock) throws IOException {
        Files.deleteIfExists(apiSock);
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(apiSock));
            System.out.println("stand-in firecracker listening on " + apiSock);
            while (true) {
                SocketChannel client = server.accept();
                Thread.ofPlatform().daemon().start(() -> http(client));
            }
        }
    }

    // ---- the API ----

    private void http(SocketChannel client) {
        try (client) {
            InputStream in = new BufferedInputStream(new ChannelStreams.In(client));
            OutputStream out = new ChannelStreams.Out(client);
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                        length = Integer.parseInt(h.substring(colon + 1).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                String[] parts = requestLine.split(" ");
                String answer = parts.length == 3 && parts[2].equals("HTTP/1.1")
                        ? handle(parts[0], parts[1], body) : violation(requestLine, "not an HTTP/1.1 request line");
                respond(out, answer);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void respond(OutputStream out, String fault) throws IOException {
        String head;
        byte[] body = new byte[0];
        if (fault == null) {
            head = "HTTP/1.1 204 \r\nServer: Firecracker API\r\nConnection: keep-alive\r\n\r\n";
        } else {
            ObjectNode error = JSON.createObjectNode().put("fault_message", fault);
            body = JSON.writeValueAsBytes(error);
            head = "HTTP/1.1 400 \r\nServer: Firecracker API\r\nConnection: keep-alive\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        }
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Answers a request: null for 204, else the fault message of a 400. */
    private String handle(String method, String path, byte[] body) {
        String request = method + " " + path;
        String endpoint = ApiRules.endpoint(method, path);
        if (endpoint == null) {
            return violation(request, "Invalid request method and/or path: " + request);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return violation(request, "invalid JSON body: " + e.getMessage());
        }
        List<String> problems = ApiRules.check(ApiRules.ENDPOINTS.get(endpoint), json);
        if (!problems.isEmpty()) {
            return violation(request, String.join("; ", problems));
        }
        if (!fail.isEmpty() && fail.equals(endpoint.replace("{drive_id}", path.substring(path.lastIndexOf('/') + 1)))) {
            return "stand-in: " + request + " refused as asked (STANDIN_FAIL)";
        }
        synchronized (lock) {
            return switch (endpoint) {
                case "PUT /boot-source" -> preBoot(request, () -> {
                    String kernel = json.get("kernel_image_path").asText();
                    if (!Files.isRegularFile(at(kernel))) {
                        return violation(request, "Cannot open kernel image: " + kernel);
                    }
                    if (json.has("initrd_path") && !Files.isRegularFile(at(json.get("initrd_path").asText()))) {
                        return violation(request, "Cannot open initrd: " + json.get("initrd_path").asText());
                    }
                    bootSource = json;
                    return null;
                });
                case "PUT /drives/{drive_id}" -> preBoot(request, () -> {
                    String id = path.substring("/drives/".length());
                    if (!id.equals(json.get("drive_id").asText())) {
                        return violation(request, "The id from the path does not match the id from the body!");
                    }
                    if (!json.has("socket") && (!json.has("path_on_host") || !json.has("is_read_only"))) {
                        return violation(request, "a virtio-block drive needs path_on_host and is_read_only");
                    }
                    if (json.has("path_on_host") && !Files.isRegularFile(at(json.get("path_on_host").asText()))) {
                        return violation(request, "Unable to open the drive file " + json.get("path_on_host").asText());
                    }
                    drives.put(id, json);
                    return null;
                });
                case "PUT /machine-config" -> preBoot(request, () -> {
                    machineConfig = json;
                    return null;
                });
                case "PUT /vsock" -> preBoot(request, () -> {
                    vsock = json;
                    return null;
                });
                case "PUT /actions" -> action(request, json.get("action_type").asText());
                case "PATCH /vm" -> vmState(request, json.get("state").asText());
                case "PUT /snapshot/create" -> createSnapshot(request, json);
                case "PUT /snapshot/load" -> loadSnapshot(request, json);
                default -> violation(request, "not served by the stand-in");
            };
        }
    }

    private interface Change {
        String apply();
    }

    private String preBoot(String request, Change change) {
        if (state != State.CONFIGURING || loaded) {
            return violation(request, "The requested operation is not supported after starting the microVM.");
        }
        return change.apply();
    }

    private String action(String request, String type) {
        if (!type.equals("InstanceStart")) {
            return violation(request, "Hearth has no use for " + type);
        }
        if (state != State.CONFIGURING || loaded) {
            return violation(request, "The requested operation is not supported after starting the microVM.");
        }
        if (bootSource == null) {
            return violation(request, "Cannot start microvm without kernel configuration.");
        }
        String problem = boot();
        if (problem != null) {
            return violation(request, problem);
        }
        state = State.RUNNING;
        return null;
    }

    private String vmState(String request, String wanted) {
        if (state == State.CONFIGURING) {
            return violation(request, "The requested operation is not supported before starting the microVM.");
        }
        state = wanted.equals("Paused") ? State.PAUSED : State.RUNNING;
        lock.notifyAll();
        return null;
    }

    private String createSnapshot(String request, JsonNode json) {
        if (state != State.PAUSED) {
            return violation(request, "Cannot save the microVM state: the microVM must be paused.");
        }
        if (json.has("snapshot_type") && json.get("snapshot_type").asText().equals("Diff")) {
            return violation(request, "Diff snapshots need track_dirty_pages, which Hearth does not set");
        }
        Path snapshot = at(json.get("snapshot_path").asText());
        Path memory = at(json.get("mem_file_path").asText());
        ObjectNode saved = JSON.createObjectNode();
        saved.set("boot_source", bootSource);
        saved.set("machine_config", machineConfig);
        saved.set("vsock", vsock);
        saved.set("drives", JSON.valueToTree(drives));
        try {
            Files.write(snapshot, JSON.writeValueAsBytes(saved));
            Files.writeString(memory, "stand-in guest memory of " + machineConfig);
        } catch (IOException e) {
            return violation(request, "Cannot create the snapshot files: " + e);
        }
        return null;
    }

    private String loadSnapshot(String request, JsonNode json) {
        if (state != State.CONFIGURING || loaded || bootSource != null || machineConfig != null || vsock != null
                || !drives.isEmpty()) {
            return violation(request, "Loading a microVM snapshot not allowed after configuring boot-specific resources.");
        }
        if (json.has("mem_file_path") == json.has("mem_backend")) {
            return violation(request, "exactly one of mem_file_path and mem_backend must be given");
        }
        String memory = json.has("mem_backend") ? json.get("mem_backend").get("backend_path").asText()
                : json.get("mem_file_path").asText();
        if (json.has("mem_backend") && !json.get("mem_backend").get("backend_type").asText().equals("File")) {
            return violation(request, "the stand-in serves File memory backends only");
        }
        JsonNode saved;
        try {
            saved = JSON.readTree(Files.readAllBytes(at(json.get("snapshot_path").asText())));
            if (!Files.isRegularFile(at(memory))) {
                throw new IOException("no memory file " + memory);
            }
        } catch (IOException e) {
            return violation(request, "Cannot load the snapshot: " + e.getMessage());
        }
        bootSource = saved.get("boot_source");
        machineConfig = saved.get("machine_config");
        vsock = json.has("vsock_override") ? ((ObjectNode) saved.get("vsock").deepCopy())
                .put("uds_path", json.get("vsock_override").get("uds_path").asText()) : saved.get("vsock");
        loaded = true;
        String problem = boot();
        if (problem != null) {
            return violation(request, problem);
        }
        state = json.path("resume_vm").asBoolean(false) ? State.RUNNING : State.PAUSED;
        return null;
    }

    private String violation(String request, String message) {
        if (violations != null) {
            try {
                Files.writeString(violations, request + ": " + message + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("cannot record a violation: " + e);
            }
        }
        System.err.println("refused " + request + ": " + message);
        return message;
    }

    // ---- the guest ----

    /** Starts the guest: its vsock device and its agent. Returns a problem, or null. */
    private String boot() {
        if (vsock == null) {
            return "the stand-in needs a vsock device to reach the guest's agent";
        }
        Matcher port = VSOCK_PORT.matcher(bootSource.path("boot_args").asText(""));
        if (!port.find()) {
            return "the kernel command line names no hearth.vsock=<port> for the guest's agent";
        }
        agentPort = Integer.parseInt(port.group(1));
        Path uds = at(vsock.get("uds_path").asText());
        if (Files.exists(uds)) {
            return "Address in use: the vsock socket " + uds + " exists";
        }
        try {
            ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(uds));
            Thread.ofPlatform().daemon().start(() -> vsockServer(server));
            startAgent();
        } catch (IOException e) {
            return "cannot start the guest: " + e.getMessage();
        }
        return null;
    }

    private void startAgent() throws IOException {
        if (silent) {
            return;
        }
        agent = new ProcessBuilder(agentBinary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private void vsockServer(ServerSocketChannel server) {
        while (true) {
            try {
                SocketChannel c = server.accept();
                Thread.ofPlatform().daemon().start(() -> vsockConnection(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void vsockConnection(SocketChannel c) {
        try (c) {
            // reads and writes go on side by side: not the JDK's channel streams, which may share a lock
            InputStream in = new ChannelStreams.In(c);
            OutputStream out = new ChannelStreams.Out(c);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0 || line.size() > 64) {
                    return;
                }
                line.write(b);
            }
            String request = line.toString(StandardCharsets.US_ASCII);
            Process session;
            synchronized (lock) {
                if (!request.equals("CONNECT " + agentPort)) {
                    // nothing listens on that port in the guest: Firecracker closes the connection
                    return;
                }
                if (silent) {
                    session = null;
                } else {
                    if (agentBusy || agent == null || !agent.isAlive()) {
                        return; // the guest's agent is not listening (yet)
                    }
                    agentBusy = true;
                    session = agent;
                }
            }
            out.write("OK 1073741824\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (session == null) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            relay(session, in, out);
        } catch (IOException e) {
            // the host went away
        }
    }

    /** Carries bytes both ways while the VM runs; when the host leaves, the agent ends and a new one starts. */
    private void relay(Process session, InputStream fromHost, OutputStream toHost) throws IOException {
        Thread back = Thread.ofPlatform().daemon().start(() -> {
            try {
                copy(session.getInputStream(), toHost);
            } catch (IOException e) {
                // the host went away
            }
        });
        try {
            copy(fromHost, session.getOutputStream());
        } catch (IOException e) {
            // either side went away
        } finally {
            try {
                session.getOutputStream().close();
            } catch (IOException e) {
                // gone
            }
            try {
                session.waitFor();
                back.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            toHost.close();
            synchronized (lock) {
                agentBusy = false;
                startAgent(); // the guest's init starts the agent again
            }
        }
    }

    private void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            synchronized (lock) {
                while (state == State.PAUSED) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            }
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        for (; b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
