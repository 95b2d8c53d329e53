package dev.hearth.workflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.model.ControlStep;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.ParallelStep;
import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.RunsOn;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.Strategy;
import dev.hearth.workflow.model.UsesStep;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.EventTrigger;
import dev.hearth.workflow.trigger.PatternFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Position AT = new Position(3, 5);

    private static RunStep run(String script, String condition) {
        return new RunStep(null, null, condition, script, null, null, Map.of(), null, null, AT, false);
    }

    private static UsesStep uses(String uses) {
        return new UsesStep(null, null, "success()", uses, Map.of(), Map.of(), null, null, AT, false);
    }

    private static RunnerJob job(String id, List<String> needs, Object matrix, Step... steps) {
        return new RunnerJob(id, null, needs, "success()", new RunsOn(List.of("ubuntu-latest"), null, null), null,
                Map.of(), Map.of(), null, null, null, matrix == null ? null : new Strategy(matrix, null, null, AT),
                null, Map.of(), null, null, List.of(steps), AT);
    }

    private static Workflow workflow(List<EventTrigger> on, Job... jobs) {
        return new Workflow("ci.yml", "CI", null, on, Map.of(), null, Map.of(), null, null, null, List.of(jobs));
    }

    private static LinkedHashMap<String, Object> map(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final List<EventTrigger> PUSH_MAIN = List.of(new EventTrigger("push", List.of(),
            new PatternFilter(List.of("main"), false), null, null, List.of(), List.of()));

    @Test
    void jobsByLevelWithLegsAndEveryStep() {
        Workflow wf = workflow(PUSH_MAIN,
                job("deploy", List.of("test"), null, run("./deploy.sh", "success() && (github.ref == 'refs/heads/main')")),
                job("test", List.of(), map("os", List.of("ubuntu-latest", "windows-latest"), "node", List.of(18.0, 20.0)),
                        uses("actions/checkout@v4"), uses("./.github/actions/setup"), uses("docker://alpine:3"),
                        run("npm ci\nnpm test", "success()")));
        Plan plan = Planner.plan(wf, Event.push("refs/heads/main", null));
        assertThat(plan.triggered()).isTrue();
        assertThat(plan.levels()).hasSize(2);
        PlannedJob test = plan.levels().get(0).jobs().getFirst();
        assertThat(test.id()).isEqualTo("test");
        assertThat(test.matrix().legs()).extracting(MatrixPlan.Leg::name).containsExactly(
                "test (ubuntu-latest, 18)", "test (ubuntu-latest, 20)", "test (windows-latest, 18)",
                "test (windows-latest, 20)");
        assertThat(test.steps()).extracting(PlannedStep::kind).containsExactly("remote", "local", "docker", "run");
        assertThat(test.steps()).extracting(PlannedStep::name).containsExactly("Run actions/checkout@v4",
                "Run ./.github/actions/setup", "Run docker://alpine:3", "Run npm ci");
        assertThat(test.runsOn()).isEqualTo("ubuntu-latest");
        PlannedJob deploy = plan.levels().get(1).jobs().getFirst();
        assertThat(deploy.needs()).containsExactly("test");
        assertThat(deploy.steps().getFirst().condition()).contains("github.ref");

        String text = PlanText.render(plan, null);
        assertThat(text).contains("level 1", "job test", "[remote] Run actions/checkout@v4", "test (windows-latest, 20)",
                "2 jobs, 5 steps");
        assertThat(PlanJson.toJson(plan, null).get("stepCount").asInt()).isEqualTo(5);
    }

    @Test
    void notTriggeredStillListsEverything() {
        Workflow wf = workflow(PUSH_MAIN, job("build", List.of(), null, run("make", "success()")));
        Plan plan = Planner.plan(wf, Event.push("refs/heads/dev", null));
        assertThat(plan.triggered()).isFalse();
        assertThat(plan.trigger().reason()).contains("branch 'dev'");
        assertThat(plan.levels().getFirst().jobs().getFirst().steps()).hasSize(1);
        String text = PlanText.render(plan, null);
        assertThat(text).contains("NOT TRIGGERED", "[not triggered]", "[run] Run make");
        var json = PlanJson.toJson(plan, "x");
        assertThat(json.get("triggered").asBoolean()).isFalse();
        assertThat(json.at("/levels/0/jobs/0/steps/0/run").asText()).isEqualTo("make");
        assertThat(json.at("/event/note").asText()).isEqualTo("x");
    }

    @Test
    void matrixExpressions() {
        Workflow wf = workflow(PUSH_MAIN,
                job("a", List.of(), "${{ fromJSON(needs.setup.outputs.matrix) }}", run("x", "success()")),
                job("b", List.of(), "${{ fromJSON('{\"os\":[\"x\",\"y\"],\"include\":[{\"os\":\"z\"}]}') }}",
                        run("x", "success()")),
                job("c", List.of(), map("os", "${{ fromJson('[\"p\", \"q''s\"]') }}"), run("x", "success()")),
                job("d", List.of(), map("os", "${{ inputs.os }}"), run("x", "success()")),
                job("e", List.of(), map("os", List.of()), run("x", "success()")));
        List<PlannedJob> jobs = Planner.plan(wf, Event.named("push")).levels().getFirst().jobs();
        assertThat(jobs.get(0).matrix().status()).isEqualTo(MatrixPlan.Status.RUNTIME);
        assertThat(jobs.get(0).matrix().expression()).contains("needs.setup");
        assertThat(jobs.get(1).matrix().legs()).extracting(MatrixPlan.Leg::name)
                .containsExactly("b (x)", "b (y)", "b (z)");
        assertThat(jobs.get(2).matrix().legs()).extracting(MatrixPlan.Leg::name).containsExactly("c (p)", "c (q's)");
        assertThat(jobs.get(3).matrix().status()).isEqualTo(MatrixPlan.Status.RUNTIME);
        assertThat(jobs.get(4).matrix().error()).contains("does not contain any values");
        assertThat(PlanText.render(Planner.plan(wf, Event.named("push")), null))
                .contains("evaluated at run time");
    }

    @Test
    void legNamesFollowTheJobName() {
        RunnerJob named = new RunnerJob("b", "Build ${{ matrix.os }} / ${{ matrix.v }}", List.of(), "success()",
                null, null, Map.of(), Map.of(), null, null, null,
                new Strategy(map("os", List.of("linux"), "v", List.of(1.0)), null, null, AT), null, Map.of(), null,
                null, List.of(run("x", "success()")), AT);
        RunnerJob plain = new RunnerJob("t", "Test", List.of(), "success()", null, null, Map.of(), Map.of(), null,
                null, null, new Strategy(map("os", List.of("mac")), null, null, AT), null, Map.of(), null, null,
                List.of(), AT);
        RunnerJob other = new RunnerJob("o", "On ${{ inputs.x }}", List.of(), "success()", null, null, Map.of(),
                Map.of(), null, null, null, new Strategy("${{ fromJSON(format('{{\"os\":[{0}]}}', '\"win\"')) }}",
                null, null, AT), null, Map.of(), null, null, List.of(), AT);
        List<PlannedJob> jobs = Planner.plan(workflow(PUSH_MAIN, named, plain, other), Event.named("push"))
                .levels().getFirst().jobs();
        assertThat(jobs.get(0).matrix().legs().getFirst().name()).isEqualTo("Build linux / 1");
        assertThat(jobs.get(1).matrix().legs().getFirst().name()).isEqualTo("Test (mac)");
        assertThat(jobs.get(2).matrix().legs().getFirst().name()).isEqualTo("o (win)");
    }

    @Test
    void reusableJobsNestTheCalledWorkflow() {
        Workflow called = workflow(List.of(EventTrigger.of("workflow_call")),
                job("inner", List.of(), null, run("echo hi", "success()"), run("echo bye", "always()")));
        ReusableWorkflowJob call = new ReusableWorkflowJob("call", null, List.of(), "success()",
                "./.github/workflows/called.yml", Map.of(), Map.of(), true, null, null, null, called, AT);
        ReusableWorkflowJob remote = new ReusableWorkflowJob("remote", null, List.of("call"), "success()",
                "octo/tools/.github/workflows/lint.yml@v1", Map.of(), Map.of(), false, null, null, null, null, AT);
        Plan plan = Planner.plan(workflow(PUSH_MAIN, call, remote), Event.push("refs/heads/main", null));
        PlannedJob c = plan.levels().get(0).jobs().getFirst();
        assertThat(c.kind()).isEqualTo("reusable");
        assertThat(c.uses().kind()).isEqualTo(UsesRef.UsesKind.LOCAL);
        assertThat(c.called().getFirst().jobs().getFirst().steps()).hasSize(2);
        PlannedJob r = plan.levels().get(1).jobs().getFirst();
        assertThat(r.uses()).isEqualTo(new UsesRef(UsesRef.UsesKind.REMOTE, "octo", "tools", ".github/workflows/lint.yml", "v1"));
        assertThat(r.note()).contains("could not be read");
        assertThat(PlanText.render(plan, null)).contains("2 jobs, 2 steps", "[run] Run echo bye  if: always()");
    }

    @Test
    void backgroundStepsAndParallelGroups() {
        Step background = new RunStep("server", null, "success()", "./serve", null, null, Map.of(), null, null, AT, true);
        Step group = new ParallelStep(List.of(run("a", "success()"), uses("actions/cache@v4")), AT);
        Step waitAll = new ControlStep(null, null, ControlStep.Kind.WAIT_ALL, List.of(), null, AT);
        Step cancel = new ControlStep(null, null, ControlStep.Kind.CANCEL, List.of("server"), null, AT);
        Step wait = new ControlStep(null, "Wait", ControlStep.Kind.WAIT, List.of("server", "x"), null, AT);
        Plan plan = Planner.plan(workflow(PUSH_MAIN, job("bg", List.of(), null, background, group, wait, waitAll, cancel)),
                Event.named("push"));
        List<PlannedStep> steps = plan.levels().getFirst().jobs().getFirst().steps();
        assertThat(steps).extracting(PlannedStep::kind).containsExactly("run", "parallel", "wait", "wait-all", "cancel");
        assertThat(steps.get(0).background()).isTrue();
        assertThat(steps.get(1).steps()).extracting(PlannedStep::kind).containsExactly("run", "remote");
        assertThat(steps.get(2).target()).isEqualTo("server, x");
        assertThat(steps.get(4).name()).isEqualTo("Cancel server");
        String text = PlanText.render(plan, null);
        assertThat(text).contains("1. [run] Run ./serve  (background)", "2. [parallel] Parallel group of 2 steps",
                "2.1. [run] Run a", "2.2. [remote] Run actions/cache@v4", "4. [wait-all] Wait for all background steps");
        var json = PlanJson.toJson(plan, null);
        assertThat(json.at("/levels/0/jobs/0/steps/1/steps/1/kind").asText()).isEqualTo("remote");
        assertThat(json.at("/levels/0/jobs/0/steps/0/background").asBoolean()).isTrue();
        assertThat(json.at("/levels/0/jobs/0/steps/2/targets").asText()).isEqualTo("server, x");
    }

    @Test
    void brokenGraphKeepsEveryJob() {
        Workflow wf = workflow(PUSH_MAIN, job("a", List.of("b"), null, run("x", "success()")),
                job("b", List.of("a"), null, run("y", "success()")));
        Plan plan = Planner.plan(wf, Event.named("push"));
        assertThat(plan.problems()).singleElement().asString().contains("cycle");
        assertThat(plan.jobCount()).isEqualTo(2);
    }

    @Test
    void defaultEventIsTheFirst() {
        Workflow wf = workflow(List.of(EventTrigger.of("pull_request"), EventTrigger.of("push")));
        assertThat(Planner.defaultEvent(wf).name()).isEqualTo("pull_request");
    }

    @Test
    void usesParsing() {
        assertThat(UsesRef.parse("actions/checkout@v4"))
                .isEqualTo(new UsesRef(UsesRef.UsesKind.REMOTE, "actions", "checkout", null, "v4"));
        assertThat(UsesRef.parse("github/codeql-action/init@v3").path()).isEqualTo("init");
        assertThat(UsesRef.parse("./x").kind()).isEqualTo(UsesRef.UsesKind.LOCAL);
        assertThat(UsesRef.parse("docker://alpine:3").path()).isEqualTo("alpine:3");
        assertThat(UsesRef.parse("checkout").kind()).isEqualTo(UsesRef.UsesKind.INVALID);
        assertThat(UsesRef.parse("a/b@").kind()).isEqualTo(UsesRef.UsesKind.INVALID);
    }
}
