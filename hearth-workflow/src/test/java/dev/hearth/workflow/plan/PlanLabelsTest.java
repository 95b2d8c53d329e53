package dev.hearth.workflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.trigger.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A labeler's classes reach every uses: of a plan, in text and JSON, parallel groups included. */
class PlanLabelsTest {

    /** Labels by kind, so the test can tell which value each label was asked for. */
    private static final UsesLabeler BY_KIND = new UsesLabeler() {
        @Override
        public UsesLabel step(UsesRef uses) {
            return new UsesLabel(uses.kind().label(), uses.kind() == UsesRef.UsesKind.REMOTE ? uses.repo() : null);
        }

        @Override
        public UsesLabel call(UsesRef uses) {
            return new UsesLabel("reusable", uses.path());
        }
    };

    private static Plan plan() {
        String yaml = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: acme/tool@v1
                      - run: make
                      - parallel:
                          - uses: ./local
                          - uses: docker://alpine
                  call:
                    uses: acme/flows/.github/workflows/x.yml@v1
                """;
        ReadResult r = WorkflowReader.read("ci.yml", yaml.getBytes(StandardCharsets.UTF_8),
                ReadOptions.defaults().withAllowUnresolvedCalls(true));
        return Planner.plan(r.workflow(), Event.named("push"));
    }

    @Test
    void json() {
        JsonNode build = PlanJson.toJson(plan(), null, BY_KIND).at("/levels/0/jobs/0");
        assertThat(build.at("/steps/0/class").asText()).isEqualTo("remote");
        assertThat(build.at("/steps/0/note").asText()).isEqualTo("tool");
        assertThat(build.at("/steps/1").has("class")).isFalse();
        assertThat(build.at("/steps/2/steps/0/class").asText()).isEqualTo("local");
        assertThat(build.at("/steps/2/steps/0").has("note")).isFalse();
        assertThat(build.at("/steps/2/steps/1/class").asText()).isEqualTo("docker");
        JsonNode call = PlanJson.toJson(plan(), null, BY_KIND).at("/levels/0/jobs/1");
        assertThat(call.get("class").asText()).isEqualTo("reusable");
        assertThat(call.get("classNote").asText()).isEqualTo(".github/workflows/x.yml");
        assertThat(call.get("note").asText()).isEqualTo("the called workflow could not be read");
    }

    @Test
    void text() {
        assertThat(PlanText.render(plan(), null, BY_KIND)).contains(
                "1. [remote] Run acme/tool@v1  class: remote (tool)",
                "3.1. [local] Run ./local  (background)  class: local",
                "calls:   remote acme/flows/.github/workflows/x.yml@v1  class: reusable (.github/workflows/x.yml)");
    }

    @Test
    void withoutALabelerNothingChanges() {
        assertThat(PlanText.render(plan(), null)).isEqualTo(PlanText.render(plan(), null, UsesLabeler.NONE))
                .doesNotContain("class:");
        assertThat(PlanJson.toJson(plan(), null).toString()).doesNotContain("\"class\"");
    }
}
