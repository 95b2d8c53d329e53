package dev.hearth.sandbox.vm.firecracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The calls Hearth makes on a Firecracker process's API socket. Bodies are the records below, written
 * in Firecracker's snake_case with absent (null) fields left out. A refusal throws
 * {@link FirecrackerApiException} with the status and Firecracker's {@code fault_message}.
 */
public final class FirecrackerApi {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path socket;
    private final Duration limit;

    /**
     * @param socket the process's {@code --api-sock}
     * @param limit  how long one call may take
     */
    public FirecrackerApi(Path socket, Duration limit) {
        this.socket = socket;
        this.limit = limit;
    }

    /** {@code PUT /boot-source}. */
    public record BootSource(String kernelImagePath, String bootArgs, String initrdPath) {
    }

    /** {@code PUT /drives/{drive_id}} for a file-backed virtio-block drive. */
    public record Drive(String driveId, String pathOnHost, Boolean isRootDevice, Boolean isReadOnly) {
    }

    /** {@code PUT /machine-config}. */
    public record MachineConfig(int vcpuCount, int memSizeMib) {
    }

    /** {@code PUT /vsock}: the guest's context id and the host unix socket Firecracker listens on. */
    public record Vsock(int guestCid, String udsPath) {
    }

    /** {@code PUT /actions}. */
    public record Action(String actionType) {
    }

    /** {@code PATCH /vm}. */
    public record VmState(String state) {
    }

    /** {@code PUT /snapshot/create}. */
    public record SnapshotCreate(String snapshotType, String snapshotPath, String memFilePath) {
    }

    /** {@code PUT /snapshot/load}. */
    public record SnapshotLoad(String snapshotPath, MemoryBackend memBackend, Boolean resumeVm) {
    }

    /** Where a loaded snapshot's memory comes from. */
    public record MemoryBackend(String backendType, String backendPath) {
    }

    public void putBootSource(BootSource source) throws IOException {
        call("PUT", "/boot-source", source);
    }

    public void putDrive(Drive drive) throws IOException {
        call("PUT", "/drives/" + drive.driveId(), drive);
    }

    public void putMachineConfig(MachineConfig config) throws IOException {
        call("PUT", "/machine-config", config);
    }

    public void putVsock(Vsock vsock) throws IOException {
        call("PUT", "/vsock", vsock);
    }

    /** Boots the configured machine. */
    public void startInstance() throws IOException {
        call("PUT", "/actions", new Action("InstanceStart"));
    }

    public void pause() throws IOException {
        call("PATCH", "/vm", new VmState("Paused"));
    }

    public void resume() throws IOException {
        call("PATCH", "/vm", new VmState("Resumed"));
    }

    /** Saves a paused machine: its state and a full copy of its memory. */
    public void createSnapshot(Path state, Path memory) throws IOException {
        call("PUT", "/snapshot/create", new SnapshotCreate("Full", state.toString(), memory.toString()));
    }

    /** Loads a saved machine into this fresh process, and resumes it when asked. */
    public void loadSnapshot(Path state, Path memory, boolean resume) throws IOException {
        call("PUT", "/snapshot/load", new SnapshotLoad(state.toString(),
                new MemoryBackend("File", memory.toString()), resume));
    }

    private void call(String method, String path, Object body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        UnixHttp.Response answer;
        try {
            answer = UnixHttp.exchange(socket, method, path, json, limit);
        } catch (IOException e) {
            throw new IOException(method + " " + path + " on " + socket + " failed: " + e.getMessage(), e);
        }
        if (answer.status() / 100 != 2) {
            throw new FirecrackerApiException(method, path, answer.status(), faultMessage(answer.body()));
        }
    }

    private static String faultMessage(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode fault = node == null ? null : node.get("fault_message");
            return fault != null && fault.isTextual() ? fault.asText() : body.strip();
        } catch (JsonProcessingException e) {
            return body.strip();
        }
    }

    /** Firecracker refused a call. */
    public static final class FirecrackerApiException extends IOException {
        private final int status;
        private final String faultMessage;

        FirecrackerApiException(String method, String path, int status, String faultMessage) {
            super("Firecracker refused " + method + " " + path + " (" + status + ")"
                    + (faultMessage.isEmpty() ? "" : ": " + faultMessage));
            this.status = status;
            this.faultMessage = faultMessage;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** Firecracker's own explanation, or empty. */
        public String faultMessage() {
            return faultMessage;
        }
    }
}
