package dev.hearth.actions.resolve;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionManifest;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.build.ModelBuilder;
import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.schema.Schema;
import dev.hearth.workflow.schema.SchemaValidator;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.yaml.YamlLoad;
import dev.hearth.workflow.yaml.YamlLoader;
import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlProblem;
import dev.hearth.workflow.yaml.YamlScalar;
import dev.hearth.workflow.yaml.YamlSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads an action's metadata file, {@code action.yml} or else {@code action.yaml}, into an
 * {@link ActionManifest}, with the project's YAML loader (positions and limits) and the rules of
 * {@code action-schema.yml}; a composite action's steps become the workflow model's {@link Step}s,
 * built by the workflow module with the same checks as a job's steps. A folder with only a
 * {@code Dockerfile} is a Docker action, as GitHub allows. Every problem is reported as
 * {@code file:line:column: message} in one {@link ActionException.Kind#BAD_MANIFEST}.
 */
public final class ManifestReader {

    /** The names GitHub looks for, in its order. */
    public static final List<String> FILE_NAMES = List.of("action.yml", "action.yaml");

    /** What {@code runs.using} accepts (compared without case, as GitHub does). */
    public static final Set<String> NODE_VERSIONS = Set.of("node12", "node16", "node20", "node24");

    private static final String ACCEPTED = "'composite', 'docker', 'node12', 'node16', 'node20' or 'node24'";

    private static volatile Schema schema;

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private ManifestReader(String file) {
        this.file = file;
    }

    /** The metadata file of {@code folder} ({@code action.yml} first), or null when it has none. */
    public static Path find(Path folder) {
        for (String name : FILE_NAMES) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads the action in {@code folder}.
     *
     * @param label how messages name the folder, e.g. {@code .github/actions/build} or
     *              {@code actions/setup-node/v4}; the file is named {@code <label>/action.yml}
     * @throws ActionException BAD_MANIFEST when the folder has no metadata file (nor a lone
     *                         {@code Dockerfile}) or the file is invalid
     */
    public static ActionManifest read(Path folder, String label) throws ActionException {
        Path manifest = find(folder);
        String prefix = label == null || label.isEmpty() ? "" : label.endsWith("/") ? label : label + "/";
        if (manifest == null) {
            if (Files.isRegularFile(folder.resolve("Dockerfile"))) {
                return new ActionManifest(label, null, Map.of(), Map.of(),
                        new ActionManifest.Docker("Dockerfile", null, List.of(), Map.of(), null, null), "Dockerfile");
            }
            throw new ActionException(ActionException.Kind.BAD_MANIFEST,
                    "Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '" + folder + "'.");
        }
        byte[] content;
        try {
            content = WorkflowReader.readBounded(manifest);
        } catch (IOException e) {
            throw new ActionException(ActionException.Kind.BAD_MANIFEST,
                    prefix + manifest.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(prefix + manifest.getFileName(), content);
    }

    /**
     * Reads a metadata file's content.
     *
     * @param file the file's name in messages
     */
    public static ActionManifest parse(String file, byte[] content) throws ActionException {
        ManifestReader reader = new ManifestReader(file);
        ActionManifest manifest = reader.manifest(content);
        if (!reader.problems.isEmpty()) {
            reader.problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            StringJoiner message = new StringJoiner("\n");
            for (Problem p : reader.problems) {
                message.add(p.file() + ":" + p.line() + ":" + p.column() + ": " + p.message());
            }
            throw new ActionException(ActionException.Kind.BAD_MANIFEST, message.toString());
        }
        return manifest;
    }

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            schema = s = Schema.fromResource(ManifestReader.class, "action-schema.yml");
        }
        return s;
    }

    /** The manifest, or null with {@link #problems} saying why. */
    private ActionManifest manifest(byte[] content) {
        YamlLoad load = YamlLoader.load(content);
        for (YamlProblem p : load.problems()) {
            problems.add(Problem.of(file, p.line(), p.column(), p.message()));
        }
        if (!load.problems().isEmpty()) {
            return null;
        }
        if (load.root() == null) {
            error(null, "Top level 'runs:' section is required for " + file);
            return null;
        }
        SchemaValidator.validate(schema(), file, load.root(), "action-root", problems);
        if (!problems.isEmpty() || !(load.root() instanceof YamlMapping root)) {
            return null;
        }
        YamlNode runsNode = root.get("runs");
        if (!(runsNode instanceof YamlMapping runs)) {
            error(root, "Top level 'runs:' section is required for " + file);
            return null;
        }
        ActionManifest.Runs how = runs(runs);
        if (how == null) {
            return null;
        }
        return new ActionManifest(text(root.get("name")), text(root.get("description")), inputs(root.get("inputs")),
                outputs(root.get("outputs"), how instanceof ActionManifest.Composite),
                how, file.substring(file.lastIndexOf('/') + 1));
    }

    private ActionManifest.Runs runs(YamlMapping runs) {
        YamlNode usingNode = runs.get("using");
        String using = text(usingNode);
        if (using == null) {
            error(runs, "Missing 'using' value. 'using' requires " + ACCEPTED + ".");
            return null;
        }
        String kind = using.toLowerCase(Locale.ROOT);
        if (kind.equals("docker")) {
            String image = text(runs.get("image"));
            if (image == null || image.isEmpty()) {
                error(runs, "You are using a Container Action but an image is not provided in " + file + ".");
                return null;
            }
            return new ActionManifest.Docker(image, text(runs.get("entrypoint")), strings(runs.get("args")),
                    stringMap(runs.get("env")), text(runs.get("pre-entrypoint")), text(runs.get("post-entrypoint")),
                    text(runs.get("pre-if")), text(runs.get("post-if")));
        }
        if (NODE_VERSIONS.contains(kind)) {
            String main = text(runs.get("main"));
            if (main == null || main.isEmpty()) {
                error(runs, "You are using a JavaScript Action but there is not an entry JavaScript file provided in "
                        + file + ".");
                return null;
            }
            return new ActionManifest.Node(kind, main, text(runs.get("pre")), orAlways(text(runs.get("pre-if"))),
                    text(runs.get("post")), orAlways(text(runs.get("post-if"))));
        }
        if (kind.equals("composite")) {
            YamlNode stepsNode = runs.get("steps");
            if (!(stepsNode instanceof YamlSequence)) {
                error(runs, "You are using a composite action but there are no steps provided in " + file + ".");
                return null;
            }
            int before = problems.size();
            List<Step> steps = ModelBuilder.steps(file, stepsNode, problems);
            return problems.size() > before ? null
                    : new ActionManifest.Composite(steps, new Position(stepsNode.line(), stepsNode.column()));
        }
        error(usingNode, "'using: " + using + "' is not supported, use " + ACCEPTED + " instead.");
        return null;
    }

    private static String orAlways(String condition) {
        return condition == null ? "always()" : condition;
    }

    private static Map<String, ActionManifest.Input> inputs(YamlNode node) {
        Map<String, ActionManifest.Input> out = new LinkedHashMap<>();
        if (node instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                YamlMapping in = e.value() instanceof YamlMapping im ? im : null;
                String required = in == null ? null : text(in.get("required"));
                out.put(e.key().text(), new ActionManifest.Input(in == null ? null : text(in.get("description")),
                        "true".equalsIgnoreCase(required), in == null ? null : text(in.get("default")),
                        in == null ? null : text(in.get("deprecationMessage"))));
            }
        }
        return out;
    }

    /** Outputs; only a composite action's have a {@code value} (others set theirs while running). */
    private static Map<String, ActionManifest.Output> outputs(YamlNode node, boolean composite) {
        Map<String, ActionManifest.Output> out = new LinkedHashMap<>();
        if (node instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                YamlMapping o = e.value() instanceof YamlMapping om ? om : null;
                out.put(e.key().text(), new ActionManifest.Output(o == null ? null : text(o.get("description")),
                        o == null || !composite ? null : text(o.get("value"))));
            }
        }
        return out;
    }

    /** A scalar as GitHub coerces it to a string; null for a missing or null value, or a collection. */
    private static String text(YamlNode n) {
        return n instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    }

    private static List<String> strings(YamlNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                out.add(item instanceof YamlScalar s ? s.text() : "");
            }
        }
        return out;
    }

    private static Map<String, String> stringMap(YamlNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                out.put(e.key().text(), e.value() instanceof YamlScalar s ? s.text() : "");
            }
        }
        return out;
    }

    private void error(YamlNode at, String message) {
        problems.add(Problem.of(file, at == null ? 1 : at.line(), at == null ? 1 : at.column(), message));
    }
}
