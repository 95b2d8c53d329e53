package dev.hearth.engine;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.Step;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A resolver for the engine's tests while the real one is elsewhere: local actions are read from the
 * workspace, remote ones from folders the test registers (a repository root and a SHA per
 * {@code owner/repo@ref}). Manifests are real {@code action.yml} files the tests write, read with
 * snakeyaml; a composite's steps go through the workflow reader, as the real resolver reads them.
 */
final class TestActionResolver implements ActionResolver {
    private record Remote(Path root, String sha) {
    }

    private final Map<String, Remote> remotes = new ConcurrentHashMap<>();
    final List<String> resolved = Collections.synchronizedList(new ArrayList<>());

    /** Serves {@code owner/repo@ref} (any path below it) from a folder on the host, at a commit. */
    TestActionResolver remote(String ownerRepoAtRef, Path root, String sha) {
        remotes.put(ownerRepoAtRef.toLowerCase(java.util.Locale.ROOT), new Remote(root, sha));
        return this;
    }

    @Override
    public ResolvedAction resolve(String uses, Path workspace) throws ActionException {
        resolved.add(uses);
        if (uses.startsWith("./")) {
            Path dir = workspace.resolve(uses.substring(2)).normalize();
            return new ResolvedAction(uses, ResolvedAction.Source.LOCAL, null, dir, read(uses, dir));
        }
        int at = uses.lastIndexOf('@');
        String[] parts = uses.substring(0, at).split("/", 3);
        String key = (parts[0] + "/" + parts[1] + uses.substring(at)).toLowerCase(java.util.Locale.ROOT);
        Remote r = remotes.get(key);
        if (r == null) {
            throw new ActionException(ActionException.Kind.UNAVAILABLE,
                    "Unable to resolve action `" + uses + "`, repository not found");
        }
        Path dir = parts.length > 2 ? r.root().resolve(parts[2]) : r.root();
        return new ResolvedAction(uses, ResolvedAction.Source.FETCHED, r.sha(), dir, read(uses, dir));
    }

    @SuppressWarnings("unchecked")
    static ActionManifest read(String uses, Path dir) throws ActionException {
        Path file = dir.resolve("action.yml");
        if (!Files.isRegularFile(file)) {
            file = dir.resolve("action.yaml");
        }
        if (!Files.isRegularFile(file)) {
            throw new ActionException(ActionException.Kind.BAD_MANIFEST,
                    "Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '" + dir + "'.");
        }
        Map<String, Object> y;
        try {
            y = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new ActionException(ActionException.Kind.BAD_MANIFEST, e.getMessage(), e);
        }
        Map<String, ActionManifest.Input> inputs = new LinkedHashMap<>();
        ((Map<String, Object>) y.getOrDefault("inputs", Map.of())).forEach((k, v) -> {
            Map<String, Object> m = v == null ? Map.of() : (Map<String, Object>) v;
            inputs.put(k, new ActionManifest.Input(str(m.get("description")), Boolean.TRUE.equals(m.get("required")),
                    str(m.get("default")), str(m.get("deprecationMessage"))));
        });
        Map<String, ActionManifest.Output> outputs = new LinkedHashMap<>();
        ((Map<String, Object>) y.getOrDefault("outputs", Map.of())).forEach((k, v) -> {
            Map<String, Object> m = v == null ? Map.of() : (Map<String, Object>) v;
            outputs.put(k, new ActionManifest.Output(str(m.get("description")), str(m.get("value"))));
        });
        Map<String, Object> runs = (Map<String, Object>) y.get("runs");
        String using = str(runs.get("using"));
        ActionManifest.Runs r;
        if (using.equals("composite")) {
            r = new ActionManifest.Composite(steps(uses, (List<Object>) runs.get("steps")), null);
        } else if (using.startsWith("node")) {
            r = new ActionManifest.Node(using, str(runs.get("main")), str(runs.get("pre")), str(runs.get("pre-if")),
                    str(runs.get("post")), str(runs.get("post-if")));
        } else {
            List<String> args = new ArrayList<>();
            ((List<Object>) runs.getOrDefault("args", List.of())).forEach(a -> args.add(str(a)));
            r = new ActionManifest.Docker(str(runs.get("image")), str(runs.get("entrypoint")), args, Map.of(),
                    str(runs.get("pre-entrypoint")), str(runs.get("post-entrypoint")));
        }
        return new ActionManifest(str(y.get("name")), str(y.get("description")), inputs, outputs, r,
                file.getFileName().toString());
    }

    /** A composite's steps as the workflow model reads them: through a one-job workflow. */
    private static List<Step> steps(String uses, List<Object> steps) throws ActionException {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("runs-on", "ubuntu-latest");
        job.put("steps", steps);
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("on", "push");
        wf.put("jobs", Map.of("composite", job));
        String yaml = new Dump(DumpSettings.builder().build()).dumpToString(wf);
        ReadResult read = WorkflowReader.read(uses, yaml.getBytes(StandardCharsets.UTF_8), ReadOptions.defaults());
        if (!read.valid()) {
            throw new ActionException(ActionException.Kind.BAD_MANIFEST, uses + ": " + read.problems());
        }
        return ((RunnerJob) read.workflow().jobs().getFirst()).steps();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
