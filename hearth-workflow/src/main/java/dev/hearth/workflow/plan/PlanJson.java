package dev.hearth.workflow.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.trigger.Event;
import java.util.List;

/**
 * A plan as JSON for tools. Field names are stable: {@code triggered}, {@code reason},
 * {@code levels[].jobs[]} with {@code id}, {@code if}, {@code kind}, {@code runsOn}, {@code matrix},
 * {@code steps[]} ({@code number}, {@code name}, {@code kind}, {@code run} or {@code uses}, {@code if},
 * {@code line}, {@code column}) and, for a reusable job, {@code uses} and {@code called}. With a
 * {@link UsesLabeler}, every {@code uses:} step also gets {@code class} and {@code note}, and every reusable
 * job {@code class} and {@code classNote}.
 */
public final class PlanJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {
    }

    /**
     * The plan as a JSON tree.
     *
     * @param eventNote a remark on how the event was chosen, or null
     */
    public static ObjectNode toJson(Plan plan, String eventNote) {
        return toJson(plan, eventNote, UsesLabeler.NONE);
    }

    /**
     * The plan as a JSON tree, each {@code uses:} labeled.
     *
     * @param eventNote a remark on how the event was chosen, or null
     */
    public static ObjectNode toJson(Plan plan, String eventNote, UsesLabeler labeler) {
        ObjectNode root = F.objectNode();
        root.put("file", plan.file());
        root.put("name", plan.name());
        ObjectNode event = event(plan.event());
        if (eventNote != null) {
            event.put("note", eventNote);
        }
        root.set("event", event);
        root.put("triggered", plan.triggered());
        root.put("reason", plan.trigger().reason());
        root.set("unchecked", strings(plan.trigger().unchecked()));
        root.set("problems", strings(plan.problems()));
        root.put("jobCount", plan.jobCount());
        root.put("stepCount", PlanText.countSteps(plan.levels()));
        root.set("levels", levels(plan.levels(), labeler));
        return root;
    }

    private static ObjectNode event(Event e) {
        ObjectNode o = F.objectNode();
        o.put("name", e.name());
        putIf(o, "action", e.action());
        putIf(o, "ref", e.ref());
        putIf(o, "baseRef", e.baseRef());
        putIf(o, "headBranch", e.headBranch());
        putIf(o, "workflow", e.workflow());
        putIf(o, "schedule", e.schedule());
        if (e.changedPaths() != null) {
            o.set("changedPaths", strings(e.changedPaths()));
        }
        return o;
    }

    private static ArrayNode levels(List<PlanLevel> levels, UsesLabeler labeler) {
        ArrayNode out = F.arrayNode();
        for (PlanLevel level : levels) {
            ObjectNode l = out.addObject();
            l.put("level", level.level());
            ArrayNode jobs = l.putArray("jobs");
            for (PlannedJob job : level.jobs()) {
                jobs.add(job(job, labeler));
            }
        }
        return out;
    }

    private static ObjectNode job(PlannedJob job, UsesLabeler labeler) {
        ObjectNode o = F.objectNode();
        o.put("id", job.id());
        o.put("name", job.name());
        o.put("level", job.level());
        o.set("needs", strings(job.needs()));
        o.put("if", job.condition());
        o.put("kind", job.kind());
        o.put("runsOn", job.runsOn());
        o.set("matrix", matrix(job.matrix()));
        ArrayNode steps = o.putArray("steps");
        for (PlannedStep step : job.steps()) {
            steps.add(step(step, labeler));
        }
        if (job.uses() != null) {
            o.set("uses", uses(job.uses()));
            UsesLabel label = labeler.call(job.uses());
            if (label != null) {
                // A job's "note" is the plan's own remark (a call that could not be read).
                o.put("class", label.actionClass());
                putIf(o, "classNote", label.note());
            }
        }
        if (job.called() != null) {
            o.set("called", levels(job.called(), labeler));
        }
        putIf(o, "note", job.note());
        position(o, job.position());
        return o;
    }

    private static ObjectNode matrix(MatrixPlan m) {
        ObjectNode o = F.objectNode();
        o.put("status", m.status().name().toLowerCase(java.util.Locale.ROOT));
        if (m.status() == MatrixPlan.Status.EXPANDED) {
            ArrayNode legs = o.putArray("legs");
            for (MatrixPlan.Leg leg : m.legs()) {
                ObjectNode l = legs.addObject();
                l.put("name", leg.name());
                l.set("values", MAPPER.valueToTree(leg.values()));
            }
        }
        putIf(o, "expression", m.expression());
        putIf(o, "error", m.error());
        return o;
    }

    private static ObjectNode step(PlannedStep step, UsesLabeler labeler) {
        ObjectNode o = F.objectNode();
        o.put("number", step.number());
        putIf(o, "id", step.id());
        o.put("name", step.name());
        o.put("kind", step.kind());
        if (step.uses() != null) {
            o.set("uses", uses(step.uses()));
            label(o, labeler.step(step.uses()));
        } else if (step.kind().equals("run")) {
            o.put("run", step.target());
        } else if (step.target() != null) {
            o.put("targets", step.target());
        }
        o.put("if", step.condition());
        if (step.background()) {
            o.put("background", true);
        }
        if (step.kind().equals("parallel")) {
            ArrayNode group = o.putArray("steps");
            for (PlannedStep s : step.steps()) {
                group.add(step(s, labeler));
            }
        }
        position(o, step.position());
        return o;
    }

    private static ObjectNode uses(UsesRef ref) {
        ObjectNode o = F.objectNode();
        o.put("kind", ref.kind().label());
        putIf(o, "owner", ref.owner());
        putIf(o, "repo", ref.repo());
        putIf(o, "path", ref.path());
        putIf(o, "ref", ref.ref());
        return o;
    }

    private static void label(ObjectNode o, UsesLabel label) {
        if (label != null) {
            o.put("class", label.actionClass());
            putIf(o, "note", label.note());
        }
    }

    private static void position(ObjectNode o, Position p) {
        if (p != null && p.line() > 0) {
            o.put("line", p.line());
            o.put("column", p.column());
        }
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static JsonNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
