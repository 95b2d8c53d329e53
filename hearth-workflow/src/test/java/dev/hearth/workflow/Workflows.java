package dev.hearth.workflow;

import dev.hearth.workflow.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: reads workflow texts written by the tests. */
public final class Workflows {
    private Workflows() {
    }

    public static ReadResult read(String yaml) {
        return WorkflowReader.read("w.yml", yaml.getBytes(StandardCharsets.UTF_8), ReadOptions.defaults());
    }

    public static ReadResult read(String yaml, ReadOptions options) {
        return WorkflowReader.read("w.yml", yaml.getBytes(StandardCharsets.UTF_8), options);
    }

    /** "line:column message" for each problem, for compact assertions. */
    public static List<String> problems(ReadResult r) {
        return r.problems().stream().map(Workflows::describe).toList();
    }

    public static String describe(Problem p) {
        return p.line() + ":" + p.column() + " " + p.message();
    }
}
