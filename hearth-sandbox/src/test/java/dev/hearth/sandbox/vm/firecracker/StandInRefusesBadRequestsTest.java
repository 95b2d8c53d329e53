package dev.hearth.sandbox.vm.firecracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.agent.AgentBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's checks are real: requests that break Firecracker's API description or its order
 * get a 400 with a {@code fault_message} and land in the violations file, which is what makes the
 * backend's contract tests fail.
 */
class StandInRefusesBadRequestsTest {
    @TempDir
    Path tmp;
    StandIn standIn;
    FirecrackerVm vm;
    Path api;

    @BeforeAll
    static void needsTheAgent() {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent (no C compiler at build time): " + AgentBinary.reason());
    }

    @BeforeEach
    void start() throws Exception {
        standIn = new StandIn(tmp);
        vm = FirecrackerVm.launch(standIn.settings(), "checked", Instant.now().plusSeconds(20));
        api = vm.folder().dir().resolve(FirecrackerProcess.API_SOCKET);
    }

    @AfterEach
    void stop() {
        vm.destroy();
    }

    private UnixHttp.Response send(String method, String path, String json) throws IOException {
        return UnixHttp.exchange(api, method, path, json.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    private void refused(String method, String path, String json, String fault) throws IOException {
        UnixHttp.Response answer = send(method, path, json);
        assertThat(answer.status()).as(method + " " + path + " " + json).isEqualTo(400);
        assertThat(answer.body()).contains("fault_message").contains(fault);
    }

    private void accepted(String method, String path, String json) throws IOException {
        assertThat(send(method, path, json).status()).as(method + " " + path + " " + json).isEqualTo(204);
    }

    @Test
    void refusesWhatTheApiDescriptionForbids() throws IOException {
        String kernel = standIn.kernel.toString();
        refused("PUT", "/boot-source", "{\"boot_args\":\"x\"}", "missing field `kernel_image_path`");
        refused("PUT", "/boot-source", "{\"kernel_image_path\":\"" + kernel + "\",\"kernel\":1}", "unknown field `kernel`");
        refused("PUT", "/machine-config", "{\"vcpu_count\":\"2\",\"mem_size_mib\":128}", "`vcpu_count` must be integer");
        refused("PUT", "/machine-config", "{\"vcpu_count\":33,\"mem_size_mib\":128}", "out of [1, 32]");
        refused("PUT", "/vsock", "{\"guest_cid\":2,\"uds_path\":\"v.sock\"}", "out of [3, null]");
        refused("PUT", "/actions", "{\"action_type\":\"Start\"}", "not one of");
        refused("PUT", "/drives/rootfs", "{\"drive_id\":\"other\",\"is_root_device\":true,\"path_on_host\":\""
                + kernel + "\",\"is_read_only\":true}", "does not match");
        refused("PUT", "/snapshot/load", "{\"snapshot_path\":\"s\",\"mem_backend\":{\"backend_path\":\"m\"}}",
                "missing field `mem_backend.backend_type`");
        refused("GET", "/boot-source", "{}", "Invalid request method and/or path");
        assertThat(standIn.violations()).hasSize(9);
        Files.delete(standIn.violations);
    }

    @Test
    void refusesWhatTheDocumentedOrderForbids() throws IOException {
        refused("PUT", "/actions", "{\"action_type\":\"InstanceStart\"}", "without kernel configuration");
        refused("PATCH", "/vm", "{\"state\":\"Paused\"}", "before starting");
        accepted("PUT", "/boot-source", "{\"kernel_image_path\":\"" + standIn.kernel
                + "\",\"boot_args\":\"console=ttyS0 hearth.vsock=52\"}");
        refused("PUT", "/snapshot/load", "{\"snapshot_path\":\"s\",\"mem_backend\":{\"backend_type\":\"File\","
                + "\"backend_path\":\"m\"}}", "not allowed after configuring");
        accepted("PUT", "/vsock", "{\"guest_cid\":3,\"uds_path\":\"v.sock\"}");
        accepted("PUT", "/actions", "{\"action_type\":\"InstanceStart\"}");
        refused("PUT", "/machine-config", "{\"vcpu_count\":1,\"mem_size_mib\":128}", "after starting");
        refused("PUT", "/snapshot/create", "{\"snapshot_path\":\"" + tmp.resolve("s") + "\",\"mem_file_path\":\""
                + tmp.resolve("m") + "\"}", "must be paused");
        accepted("PATCH", "/vm", "{\"state\":\"Paused\"}");
        accepted("PUT", "/snapshot/create", "{\"snapshot_path\":\"" + tmp.resolve("s") + "\",\"mem_file_path\":\""
                + tmp.resolve("m") + "\",\"snapshot_type\":\"Full\"}");
        assertThat(tmp.resolve("s")).isRegularFile();
        List<String> violations = standIn.violations();
        assertThat(violations).hasSize(5);
        Files.delete(standIn.violations);
    }
}
