package dev.hearth.engine;

import dev.hearth.actions.llm.LlmConfig;
import dev.hearth.actions.llm.LlmProvider;
import dev.hearth.actions.llm.LlmStepTranslator;
import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import dev.hearth.actions.resolve.ActionSources;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.engine.action.ActionSetup;
import dev.hearth.sandbox.host.HostBackend;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 4: twenty workflows whose action steps can only be translated run at once against
 * one provider limited to two calls at a time (a real HTTP server speaking Ollama's /api/chat): none
 * crashes, every run is accounted for, and the provider never sees more than two calls at once.
 */
class ParallelTranslationTest {
    @TempDir
    Path dir;

    @Test
    void twentyWorkflowsShareAProviderLimitedToTwoCalls() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(repo.resolve(".github/workflows"));
            Files.writeString(repo.resolve(".github/workflows/w" + i + ".yml"), """
                    on: push
                    jobs:
                      build:
                        runs-on: ubuntu-latest
                        steps:
                          - id: tool
                            uses: acme/tool-%d@v1
                            with:
                              level: "%d"
                          - run: echo "got ${{ steps.tool.outputs.translated }}"
                    """.formatted(i, i));
        }
        git(repo, "add", "-A");
        git(repo, "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "-m", "w");

        try (FakeLlmServer server = FakeLlmServer.ollama(Behaviour.answering(FakeAnswers::forStep))
                .latency(Duration.ofMillis(150))) {
            LlmConfig.Resilience limitOfTwo = new LlmConfig.Resilience(Duration.ofSeconds(20), 2,
                    Duration.ofSeconds(120), 5, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1));
            LlmConfig config = new LlmConfig(LlmProvider.OLLAMA, "tiny", server.baseUrl(), null,
                    Files.createDirectories(dir.resolve("llm-cache")), limitOfTwo, LlmConfig.DEFAULT_MAX_SCRIPT_BYTES);
            LlmStepTranslator translator = new LlmStepTranslator(config, new SimpleMeterRegistry());
            // offline with an empty cache: every action is unavailable, so every one is translated
            DefaultActionResolver resolver = new DefaultActionResolver(new ActionSources("http://127.0.0.1:9",
                    Files.createDirectories(dir.resolve("actions")), null, true, null));

            Map<Integer, RunResult> results = new ConcurrentHashMap<>();
            Map<Integer, RecordingListener> listeners = new ConcurrentHashMap<>();
            Map<Integer, Throwable> crashes = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        Path file = repo.resolve(".github/workflows/w" + n + ".yml");
                        ReadResult read = WorkflowReader.read(file, ReadOptions.defaults().withRepositoryRoot(repo));
                        Path work = Files.createDirectories(dir.resolve("work-" + n));
                        RecordingListener listener = new RecordingListener();
                        listeners.put(n, listener);
                        RunRequest request = RunRequest.builder(read.workflow(), new HostBackend(), work)
                                .workflowFile(file).repository(repo).event("push", null)
                                .actions(ActionSetup.defaults(work, n + 1).withResolver(resolver).withTranslator(translator))
                                .build();
                        results.put(n, new Engine().run(request, listener, new Cancellation()));
                    } catch (Throwable t) {
                        crashes.put(n, t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(3));
            }
            assertThat(crashes).isEmpty();
            assertThat(results).hasSize(20);
            for (int i = 0; i < 20; i++) {
                RunResult r = results.get(i);
                assertThat(r.conclusion()).as("workflow %d: %s", i, listeners.get(i).allText()).isEqualTo(Conclusion.SUCCESS);
                assertThat(listeners.get(i).output("build")).contains("translated acme/tool-" + i + "@v1",
                        "got acme/tool-" + i + "@v1");
            }
            assertThat(server.calls()).isEqualTo(20);
            assertThat(server.maxConcurrentCalls()).isBetween(1, 2);
        }
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
