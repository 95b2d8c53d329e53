package dev.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.actions.classify.DockerEngine;
import dev.hearth.actions.classify.UsesClassifier;
import dev.hearth.actions.resolve.ActionSources;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.plan.Plan;
import dev.hearth.workflow.plan.PlanJson;
import dev.hearth.workflow.plan.PlanText;
import dev.hearth.workflow.plan.Planner;
import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.validate.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearth plan}: what a workflow would do for an event, without running anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what a workflow would do for an event: whether it is triggered (and why not), "
                + "the jobs level by level with their matrix legs, and every step with its kind and condition. "
                + "Each uses: step and reusable job gets its class (builtin, local, remote, reusable, docker, llm, "
                + "unsupported) and a note, from the repository, the actions mirror and the cache; nothing is fetched.",
                "Exit code 0: plan shown (triggered or not), 1: invalid workflow (its problems, then what could be read), 2: usage error."})
final class PlanCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow file.")
    Path file;

    @Option(names = "--event", paramLabel = "NAME",
            description = "The event to plan for (push, pull_request, ...). Default: the workflow's first on: event.")
    String eventName;

    @Option(names = "--payload", paramLabel = "FILE",
            description = "The event's webhook body (JSON): ref, activity type, base branch, changed files...")
    Path payload;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Mixin
    ReadFlags read;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("hearth plan: no such file: " + file);
            return 2;
        }
        JsonNode body = null;
        if (payload != null) {
            try {
                body = JSON.readTree(payload.toFile());
            } catch (IOException e) {
                err.println("hearth plan: cannot read the payload " + payload + ": " + e.getMessage());
                return 2;
            }
        }
        ReadResult result;
        try {
            result = WorkflowReader.read(file, read.forFile(file));
        } catch (IOException e) {
            err.println("hearth plan: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (result.workflow() == null) {
            return unreadable(result, out);
        }
        // An invalid workflow is still planned as far as it could be read, so no job or step is
        // hidden from its author; the problems come first and the exit code says it would not run.
        Workflow workflow = result.workflow();
        String note = null;
        String name = eventName;
        if (name == null) {
            name = Planner.defaultEvent(workflow).name();
            note = "no --event given: the workflow's first on: event";
        }
        Event event = body == null ? Event.named(name) : Event.fromPayload(name, body);
        Plan plan = Planner.plan(workflow, event);
        UsesClassifier classes = classifier();
        if (json) {
            ObjectNode tree = PlanJson.toJson(plan, note, classes);
            tree.put("valid", result.valid());
            tree.set("problems", problems(result.problems()));
            tree.set("unresolvedCalls", JSON.valueToTree(result.unresolved()));
            tree.set("warnings", problems(result.warnings()));
            out.println(tree.toPrettyString());
        } else {
            if (!result.valid()) {
                printProblems(result, out);
                out.printf("hearth plan: %s is not a valid workflow; GitHub would not run it. What it holds:%n%n", file);
            }
            out.print(PlanText.render(plan, note, classes));
            for (Problem p : result.warnings()) {
                out.printf("%s:%d:%d: warning: %s%n", p.file(), p.line(), p.column(), p.message());
            }
            for (String call : result.unresolved()) {
                out.println("note: reusable workflow " + call + " was not found; its jobs are not shown");
            }
        }
        out.flush();
        return result.valid() ? 0 : 1;
    }

    /**
     * Classes from what is on this machine: the repository of the file, the mirror, the actions cache, a
     * docker engine, an LLM configured through {@code HEARTH_LLM_PROVIDER}.
     */
    private UsesClassifier classifier() {
        ActionSources sources = new ActionSources(null, ActionSources.defaultCacheDir(System.getenv()),
                read.actionsMirror, false, null);
        String llm = System.getenv("HEARTH_LLM_PROVIDER");
        return new UsesClassifier(new DefaultActionResolver(sources), ReadFlags.repositoryRoot(file),
                DockerEngine.present(), llm != null && !llm.isBlank());
    }

    /** A file that could not even be loaded (not YAML, too large, not a mapping): problems only. */
    private int unreadable(ReadResult result, PrintWriter out) {
        if (json) {
            ObjectNode tree = JSON.createObjectNode();
            tree.put("file", file.toString());
            tree.put("valid", false);
            tree.set("problems", problems(result.problems()));
            out.println(tree.toPrettyString());
        } else {
            printProblems(result, out);
            out.printf("hearth plan: %s is not a valid workflow (%d problem%s); nothing planned%n", file,
                    result.problems().size(), result.problems().size() == 1 ? "" : "s");
        }
        out.flush();
        return 1;
    }

    private static void printProblems(ReadResult result, PrintWriter out) {
        for (Problem p : result.problems()) {
            out.printf("%s:%d:%d: error: %s%n", p.file(), p.line(), p.column(), p.message());
        }
    }

    private static ArrayNode problems(List<Problem> list) {
        var array = JSON.createArrayNode();
        for (Problem p : list) {
            array.add(problem(p));
        }
        return array;
    }

    private static ObjectNode problem(Problem p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", p.file()).put("line", p.line()).put("column", p.column()).put("message", p.message());
        return o;
    }
}
