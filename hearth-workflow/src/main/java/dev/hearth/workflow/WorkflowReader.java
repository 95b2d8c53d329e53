package dev.hearth.workflow;

import dev.hearth.workflow.build.ModelBuilder;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.reusable.CallResolver;
import dev.hearth.workflow.schema.Schema;
import dev.hearth.workflow.schema.SchemaValidator;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.yaml.YamlLimits;
import dev.hearth.workflow.yaml.YamlLoad;
import dev.hearth.workflow.yaml.YamlLoader;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The entry point for reading workflow files: load the YAML, check it against the schema, build the
 * model with the remaining checks, then read and check the reusable workflows it calls.
 */
public final class WorkflowReader {
    private WorkflowReader() {
    }

    /** Reads a file; the file's name in problems is the path as given. */
    public static ReadResult read(Path file, ReadOptions options) throws IOException {
        return read(file.toString(), readBounded(file), options);
    }

    /** Reads a workflow held in memory; {@code name} names it in problems. */
    public static ReadResult read(String name, byte[] content, ReadOptions options) {
        List<Problem> problems = new ArrayList<>();
        Parsed parsed = parse(name, content, problems);
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        if (parsed == null) {
            return new ReadResult(null, problems, List.of());
        }
        CallResolver resolver = new CallResolver(options);
        Workflow workflow = resolver.resolve(parsed.workflow(), parsed.root(), problems);
        return new ReadResult(workflow, problems, resolver.unresolved());
    }

    /** A loaded and checked file: its tree and its model. */
    public record Parsed(YamlNode root, Workflow workflow) {
    }

    /** Loads, schema-checks and builds one file without following calls; null when not loadable. */
    public static Parsed parse(String name, byte[] content, List<Problem> problems) {
        YamlLoad load = YamlLoader.load(content);
        for (YamlProblem p : load.problems()) {
            problems.add(Problem.of(name, p.line(), p.column(), p.message()));
        }
        if (load.root() == null) {
            if (load.problems().isEmpty()) {
                problems.add(Problem.of(name, 1, 1, "Required property is missing: jobs"));
            }
            return null;
        }
        SchemaValidator.validate(Schema.workflow(), name, load.root(), "workflow", problems);
        Workflow workflow = ModelBuilder.build(name, load.root(), problems);
        return workflow == null ? null : new Parsed(load.root(), workflow);
    }

    /** Reads at most one byte more than the size limit, so a huge file is refused without reading it all. */
    public static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1);
        }
    }
}
