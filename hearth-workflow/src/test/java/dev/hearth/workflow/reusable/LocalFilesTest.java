package dev.hearth.workflow.reusable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
    static final String CALLER = """
            on: push
            jobs:
              call:
                uses: ./.github/workflows/called.yml
            """;
    static final String CALLED = """
            on: workflow_call
            jobs:
              inner:
                runs-on: ubuntu-latest
                steps:
                  - run: echo inner
            """;

    @Test
    void localCallsAreReadThroughTheHookNotFromTheRepositoryRoot(@TempDir Path emptyRoot) {
        Map<String, String> files = Map.of(".github/workflows/called.yml", CALLED);
        List<String> asked = new ArrayList<>();
        LocalFiles hook = path -> {
            asked.add(path);
            return Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
        };
        ReadOptions options = ReadOptions.defaults().withRepositoryRoot(emptyRoot).withLocalFiles(hook);

        ReadResult result = WorkflowReader.read("caller.yml", CALLER.getBytes(StandardCharsets.UTF_8), options);

        assertThat(result.problems()).isEmpty();
        assertThat(asked).containsExactly(".github/workflows/called.yml");
        assertThat(((ReusableWorkflowJob) result.workflow().jobs().get(0)).called().jobs().get(0).id()).isEqualTo("inner");
    }

    @Test
    void aHookThatFailsBecomesTheCallsError() {
        LocalFiles failing = path -> {
            throw new IOException("object store unreadable");
        };
        ReadResult result = WorkflowReader.read("caller.yml", CALLER.getBytes(StandardCharsets.UTF_8),
                ReadOptions.defaults().withLocalFiles(failing));
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Unable to find reusable workflow", "object store unreadable"));
    }
}
