package dev.hearth.workflow.plan;

import dev.hearth.workflow.graph.JobGraph;
import dev.hearth.workflow.graph.JobGraphException;
import dev.hearth.workflow.model.ControlStep;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.ParallelStep;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.RunsOn;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.StepNames;
import dev.hearth.workflow.model.UsesStep;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.TriggerMatcher;
import dev.hearth.workflow.trigger.TriggerResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a read workflow and an event into a {@link Plan}. Nothing is evaluated: conditions are shown
 * as GitHub would evaluate them, and a matrix given as an expression stays unexpanded. The jobs and
 * all their steps are listed even when the event does not trigger the workflow.
 */
public final class Planner {

    /**
     * A guard against runaway nesting: the reader enforces GitHub's own limit on nested calls, this only
     * keeps a hand-made model with a cycle of calls from recursing forever.
     */
    private static final int MAX_CALL_DEPTH = 10;

    private Planner() {
    }

    /** The event a plan assumes when none is given: the workflow's first {@code on:} event. */
    public static Event defaultEvent(Workflow workflow) {
        return workflow.on().isEmpty() ? Event.named("push") : Event.named(workflow.on().getFirst().event());
    }

    /** Plans the workflow for the event. */
    public static Plan plan(Workflow workflow, Event event) {
        TriggerResult trigger;
        try {
            trigger = new TriggerMatcher(workflow.on()).match(event);
        } catch (IllegalArgumentException e) {
            trigger = new TriggerResult(false, null, "a filter pattern is malformed: " + e.getMessage(), List.of());
        }
        List<String> problems = new ArrayList<>();
        List<PlanLevel> levels = levels(workflow, problems, 0);
        return new Plan(workflow.file(), workflow.name(), event, trigger, levels, problems);
    }

    private static List<PlanLevel> levels(Workflow workflow, List<String> problems, int depth) {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (Job job : workflow.jobs()) {
            needs.putIfAbsent(job.id(), job.needs());
        }
        JobGraph graph;
        try {
            graph = JobGraph.of(needs);
        } catch (JobGraphException e) {
            // Validation reports this too; keep every job, in file order, on one level.
            problems.addAll(e.problems());
            List<PlannedJob> jobs = new ArrayList<>();
            for (Job job : workflow.jobs()) {
                jobs.add(job(job, 0, job.needs(), problems, depth));
            }
            return List.of(new PlanLevel(0, jobs));
        }
        List<PlanLevel> levels = new ArrayList<>();
        for (int l = 0; l < graph.levels().size(); l++) {
            List<PlannedJob> jobs = new ArrayList<>();
            for (String id : graph.levels().get(l)) {
                for (Job job : workflow.jobs()) {
                    if (job.id().equals(id)) { // every job, even one whose id repeats another's
                        jobs.add(job(job, l, graph.needs(id), problems, depth));
                    }
                }
            }
            levels.add(new PlanLevel(l, jobs));
        }
        return levels;
    }

    private static PlannedJob job(Job job, int level, List<String> needs, List<String> problems, int depth) {
        MatrixPlan matrix = MatrixPlanner.plan(job.strategy(), job.id(), job.name());
        return switch (job) {
            case RunnerJob r -> new PlannedJob(r.id(), r.name(), level, needs, r.condition(), "runner",
                    runsOn(r.runsOn()), matrix, steps(r.steps()), null, null, null, r.position());
            case ReusableWorkflowJob c -> {
                List<PlanLevel> called = null;
                String note = null;
                if (c.called() == null) {
                    note = "the called workflow could not be read";
                } else if (depth + 1 >= MAX_CALL_DEPTH) {
                    note = "called workflows nest deeper than " + MAX_CALL_DEPTH + " levels; not shown";
                } else {
                    List<String> nestedProblems = new ArrayList<>();
                    called = levels(c.called(), nestedProblems, depth + 1);
                    for (String p : nestedProblems) {
                        problems.add(c.uses() + ": " + p);
                    }
                }
                yield new PlannedJob(c.id(), c.name(), level, needs, c.condition(), "reusable", null, matrix,
                        List.of(), UsesRef.parse(c.uses()), called, note, c.position());
            }
        };
    }

    private static List<PlannedStep> steps(List<Step> steps) {
        List<PlannedStep> out = new ArrayList<>(steps.size());
        int number = 0;
        for (Step step : steps) {
            out.add(step(++number, step));
        }
        return out;
    }

    private static PlannedStep step(int number, Step step) {
        return switch (step) {
            case RunStep r -> new PlannedStep(number, r.id(), StepNames.displayName(r),
                    "run", r.run(), null, r.condition(), r.background(), List.of(), r.position());
            case UsesStep u -> {
                UsesRef ref = UsesRef.parse(u.uses());
                yield new PlannedStep(number, u.id(), StepNames.displayName(u),
                        ref.kind().label(), u.uses(), ref, u.condition(), u.background(), List.of(), u.position());
            }
            case ControlStep c -> {
                String targets = String.join(", ", c.targets());
                String kind = switch (c.kind()) {
                    case WAIT -> "wait";
                    case WAIT_ALL -> "wait-all";
                    case CANCEL -> "cancel";
                };
                String name = StepNames.displayName(c);
                yield new PlannedStep(number, c.id(), name, kind, c.kind() == ControlStep.Kind.WAIT_ALL ? null : targets,
                        null, c.condition(), false, List.of(), c.position());
            }
            case ParallelStep p -> new PlannedStep(number, null, StepNames.defaultName(p),
                    "parallel", null, null, p.condition(), false, steps(p.steps()), p.position());
        };
    }

    /** A readable form of {@code runs-on}. */
    static String runsOn(RunsOn runsOn) {
        if (runsOn == null) {
            return null;
        }
        if (runsOn.expression() != null) {
            return runsOn.expression();
        }
        String labels = runsOn.labels().size() == 1 ? runsOn.labels().getFirst()
                : runsOn.labels().isEmpty() ? "" : "[" + String.join(", ", runsOn.labels()) + "]";
        if (runsOn.group() != null) {
            return "group: " + runsOn.group() + (labels.isEmpty() ? "" : ", labels: " + labels);
        }
        return labels;
    }
}
