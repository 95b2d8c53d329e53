package dev.hearth.workflow.reusable;

import static dev.hearth.workflow.Workflows.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote calls read through the {@link RemoteFiles} hook when the mirror does not have them. */
class RemoteFilesTest {
    @TempDir
    Path dir;
    Path repo;
    Path mirror;
    Path served;

    /** Serves files from a folder laid out {@code <owner>@<repo>@<ref>/<path>}, and records every request. */
    final class FolderFiles implements RemoteFiles {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<byte[]> read(String owner, String name, String ref, String path) throws IOException {
            asked.add(owner + "/" + name + "/" + path + "@" + ref);
            Path f = served.resolve(owner + "@" + name + "@" + ref).resolve(path);
            return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        mirror = Files.createDirectories(dir.resolve("mirror"));
        served = Files.createDirectories(dir.resolve("served"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ReadResult read(String caller, RemoteFiles files, boolean allowUnresolved) throws IOException {
        Path file = repo.resolve(".github/workflows/main.yml");
        write(file, caller);
        return WorkflowReader.read(file, ReadOptions.defaults().withRepositoryRoot(repo).withActionsMirror(mirror)
                .withAllowUnresolvedCalls(allowUnresolved).withRemoteFiles(files));
    }

    private static String job(String id) {
        return "on: workflow_call\njobs:\n  " + id + ":\n    runs-on: x\n    steps:\n      - run: echo " + id + "\n";
    }

    @Test
    void remoteCallsAreReadThroughTheHookAndTheirLocalCallsStayInTheirRepository() throws IOException {
        write(served.resolve("acme@tools@v1/.github/workflows/middle.yml"), """
                on: workflow_call
                jobs:
                  inner:
                    uses: ./.github/workflows/leaf.yml
                """);
        write(served.resolve("acme@tools@v1/.github/workflows/leaf.yml"), job("remote-leaf"));
        write(repo.resolve(".github/workflows/leaf.yml"), job("callers-leaf"));
        FolderFiles files = new FolderFiles();
        ReadResult r = read("on: push\njobs:\n  outer:\n    uses: acme/tools/.github/workflows/middle.yml@v1\n",
                files, false);
        assertThat(r.problems()).isEmpty();
        assertThat(files.asked).containsExactly("acme/tools/.github/workflows/middle.yml@v1",
                "acme/tools/.github/workflows/leaf.yml@v1");
        ReusableWorkflowJob outer = (ReusableWorkflowJob) r.workflow().jobs().getFirst();
        ReusableWorkflowJob inner = (ReusableWorkflowJob) outer.called().jobs().getFirst();
        assertThat(inner.uses()).isEqualTo("./.github/workflows/leaf.yml");
        assertThat(inner.called().file()).isEqualTo("acme/tools/.github/workflows/leaf.yml@v1");
        assertThat(inner.called().jobs().getFirst().id()).isEqualTo("remote-leaf");
    }

    @Test
    void theMirrorComesFirst() throws IOException {
        write(mirror.resolve("acme/tools/v1/.github/workflows/w.yml"), job("from-mirror"));
        write(served.resolve("acme@tools@v1/.github/workflows/w.yml"), job("from-hook"));
        FolderFiles files = new FolderFiles();
        ReadResult r = read("on: push\njobs:\n  c:\n    uses: acme/tools/.github/workflows/w.yml@v1\n", files, false);
        assertThat(r.problems()).isEmpty();
        assertThat(((ReusableWorkflowJob) r.workflow().jobs().getFirst()).called().jobs().getFirst().id())
                .isEqualTo("from-mirror");
        assertThat(files.asked).isEmpty();
    }

    @Test
    void aFailedFetchIsReportedWithItsReasonOrSkippedWhenAllowed() throws IOException {
        RemoteFiles broken = (owner, name, ref, path) -> {
            throw new IOException("connection refused by git.example.com");
        };
        String caller = "on: push\njobs:\n  c:\n    uses: acme/tools/.github/workflows/w.yml@v1\n";
        ReadResult r = read(caller, broken, false);
        assertThat(r.problems()).extracting(p -> describe(p))
                .containsExactly("4:11 Unable to find reusable workflow: connection refused by git.example.com");
        ReadResult skipped = read(caller, broken, true);
        assertThat(skipped.valid()).isTrue();
        assertThat(skipped.unresolved()).containsExactly("acme/tools/.github/workflows/w.yml@v1");
    }

    @Test
    void withoutAHookOrMirrorEntryARemoteCallIsNotFound() throws IOException {
        ReadResult r = read("on: push\njobs:\n  c:\n    uses: acme/tools/.github/workflows/w.yml@v1\n", null, false);
        assertThat(r.problems()).extracting(p -> describe(p)).containsExactly("4:11 Unable to find reusable workflow");
    }
}
