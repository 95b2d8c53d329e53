package dev.hearth.engine;

import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A workflow in a real git repository made for one test, and a run of it on a backend.
 */
final class Scenario {
    final Path repo;
    final Path work;
    final SandboxBackend backend;
    RecordingListener listener;

    Scenario(Path dir, SandboxBackend backend) throws IOException, InterruptedException {
        this.repo = Files.createDirectories(dir.resolve("repo"));
        this.work = Files.createDirectories(dir.resolve("work"));
        this.backend = backend;
        git("init", "-q", "-b", "main");
        git("config", "user.email", "test@example.com");
        git("config", "user.name", "Test");
        git("remote", "add", "origin", "https://github.com/octo/hello.git");
    }

    void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Writes the workflow, commits it, and returns its path. */
    Path workflow(String yaml) throws IOException, InterruptedException {
        Path file = repo.resolve(".github/workflows/test.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        git("add", "-A");
        git("commit", "-q", "-m", "workflow");
        return file;
    }

    RunResult run(String yaml) throws IOException, InterruptedException {
        return run(yaml, b -> b, new Cancellation());
    }

    RunResult run(String yaml, UnaryOperator<RunRequest.Builder> options) throws IOException, InterruptedException {
        return run(yaml, options, new Cancellation());
    }

    RunResult run(String yaml, UnaryOperator<RunRequest.Builder> options, Cancellation cancellation)
            throws IOException, InterruptedException {
        Path file = workflow(yaml);
        ReadResult read = WorkflowReader.read(file, ReadOptions.defaults().withRepositoryRoot(repo));
        if (!read.valid()) {
            throw new AssertionError("workflow invalid: " + read.problems());
        }
        listener = new RecordingListener();
        RunRequest request = options.apply(RunRequest.builder(read.workflow(), backend, work)
                .workflowFile(file).repository(repo).event("push", null)).build();
        return new Engine().run(request, listener, cancellation);
    }

    static Map<String, String> secrets(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
