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

    /** Reads a workflow held in memory; {@code name} names it in problems. Never throws. */
    public static ReadResult read(String name, byte[] content, ReadOptions options) {
        try {
            return readUnguarded(name, content, options);
        } catch (RuntimeException e) {
            // The edge of the library: a bug must become an answer, not a crash of the caller.
            return new ReadResult(null, List.of(Problem.of(name, 0, 0, INTERNAL_ERROR + e)), List.of(), List.of());
        }
    }

    /** The start of the message of a problem that is a bug in Hearth, not in the workflow. */
    public static final String INTERNAL_ERROR = "Internal error while reading the workflow: ";

    private static ReadResult readUnguarded(String name, byte[] content, ReadOptions options) {
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Parsed parsed = parse(name, content, problems, warnings);
        if (parsed == null) {
            return new ReadResult(null, problems, warnings, List.of());
        }
        CallResolver resolver = new CallResolver(options);
        Workflow workflow = resolver.resolve(parsed.workflow(), parsed.root(), problems, warnings);
        // The file's own problems in document order, then those found in called workflows.
        problems.sort((a, b) -> {
            boolean ownA = a.file().equals(name);
            boolean ownB = b.file().equals(name);
            if (ownA && ownB) {
                return a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column());
            }
            return ownA == ownB ? 0 : ownA ? -1 : 1;
        });
        return new ReadResult(workflow, problems, warnings, resolver.unresolved());
    }

    /** A loaded and checked file: its tree and its model. */
    public record Parsed(YamlNode root, Workflow workflow) {
    }

    /**
     * Loads, schema-checks and builds one file without following calls; null when not loadable. The
     * file's problems are added to {@code problems} in document order.
     */
    public static Parsed parse(String name, byte[] content, List<Problem> problems, List<Problem> warnings) {
        List<Problem> own = new ArrayList<>();
        Parsed parsed = parseUnsorted(name, content, own, warnings);
        own.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        problems.addAll(own);
        return parsed;
    }

    private static Parsed parseUnsorted(String name, byte[] content, List<Problem> problems, List<Problem> warnings) {
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
        Workflow workflow = ModelBuilder.build(name, load.root(), problems, warnings);
        return workflow == null ? null : new Parsed(load.root(), workflow);
    }

    /** Reads at most one byte more than the size limit, so a huge file is refused without reading it all. */
    public static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1);
        }
    }
}
