package dev.hearth.workflow.reusable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MirrorLayoutTest {
    private static final Path MIRROR = Path.of("/srv/mirror");

    @Test
    void ownerRepoRefPath() {
        assertThat(MirrorLayout.repository(MIRROR, "acme", "tool", "v1")).isEqualTo(Path.of("/srv/mirror/acme/tool/v1"));
        assertThat(MirrorLayout.locate(MIRROR, "acme", "tool", "releases/v1", "sub/dir"))
                .isEqualTo(Path.of("/srv/mirror/acme/tool/releases/v1/sub/dir"));
        assertThat(MirrorLayout.locate(MIRROR, "acme", ".github", "main", ".github/workflows/ci.yml"))
                .isEqualTo(Path.of("/srv/mirror/acme/.github/main/.github/workflows/ci.yml"));
        assertThat(MirrorLayout.locate(MIRROR, "acme", "tool", "v1", null)).isEqualTo(Path.of("/srv/mirror/acme/tool/v1"));
    }

    @Test
    void namesCannotLeadOutOfTheMirror() {
        assertThat(MirrorLayout.repository(MIRROR, "..", "tool", "v1")).isNull();
        assertThat(MirrorLayout.repository(MIRROR, "acme", "..", "v1")).isNull();
        assertThat(MirrorLayout.repository(MIRROR, "acme", "a/b", "v1")).isNull();
        assertThat(MirrorLayout.repository(MIRROR, "acme", "tool", "../../../etc")).isNull();
        assertThat(MirrorLayout.repository(MIRROR, "acme", "tool", "/etc")).isNull();
        assertThat(MirrorLayout.repository(MIRROR, "", "tool", "v1")).isNull();
        assertThat(MirrorLayout.locate(MIRROR, "acme", "tool", "v1", "../../x")).isNull();
        assertThat(MirrorLayout.locate(MIRROR, "acme", "tool", "v1", "a/./b")).isNull();
        assertThat(WorkflowRef.parse("acme/tool/../../../x.yml@v1").locate(Path.of("/repo"), MIRROR)).isNull();
    }
}
