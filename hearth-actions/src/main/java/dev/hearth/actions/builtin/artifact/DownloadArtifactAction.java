package dev.hearth.actions.builtin.artifact;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;
import dev.hearth.actions.builtin.files.GlobPattern;
import dev.hearth.actions.builtin.files.SandboxHome;
import dev.hearth.actions.builtin.files.SandboxPaths;
import dev.hearth.sandbox.files.Trees;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code actions/download-artifact} with v4's semantics, from this run's {@link ArtifactStore}: by
 * {@code name} the artifact's files go straight into {@code path}; otherwise every artifact (or those
 * whose names match {@code pattern}, or those listed in {@code artifact-ids}) goes into
 * {@code path/<name>}, or straight into {@code path} with {@code merge-multiple} (later artifacts
 * overwrite earlier files). {@code path} defaults to the workspace and may start with {@code ~}.
 * Output: {@code download-path}. Artifacts of other runs or repositories are not reachable.
 */
public final class DownloadArtifactAction implements BuiltinAction {

    @Override
    public List<String> names() {
        return List.of("actions/download-artifact");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.of("merge-multiple", "false", "repository", "${{ github.repository }}",
                "run-id", "${{ github.run_id }}");
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            return download(context);
        } catch (InvalidInputException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }

    private BuiltinResult download(BuiltinContext context) throws Exception {
        String name = context.input("name").strip();
        String ids = context.input("artifact-ids").strip();
        String pattern = context.input("pattern").strip();
        boolean merge = Inputs.bool(context, "merge-multiple");
        if (!name.isEmpty() && !ids.isEmpty()) {
            throw new InvalidInputException("Inputs `name` and `artifact-ids` cannot be used together. "
                    + "Please specify only one.");
        }
        checkSameRun(context);
        String pathInput = context.input("path").strip();
        String downloadPath = pathInput.isEmpty() ? context.workspace()
                : SandboxPaths.resolve(pathInput, context.workspace(), new SandboxHome(context));

        ArtifactStore store = new ArtifactStore(context.stores().artifactRoot());
        List<ArtifactStore.Artifact> chosen = new ArrayList<>();
        if (!name.isEmpty()) {
            Optional<ArtifactStore.Artifact> found = store.find(name);
            if (found.isEmpty()) {
                return BuiltinResult.failure("Unable to download artifact(s): Artifact not found for name: " + name
                        + "\nPlease ensure that your artifact is not expired and the artifact was uploaded using a "
                        + "compatible version of toolkit/upload-artifact.");
            }
            chosen.add(found.get());
        } else if (!ids.isEmpty()) {
            List<Long> wanted = parseIds(ids);
            List<Long> missing = new ArrayList<>();
            for (long id : wanted) {
                store.get(id).ifPresentOrElse(chosen::add, () -> missing.add(id));
            }
            if (chosen.isEmpty()) {
                return BuiltinResult.failure("None of the provided artifact IDs were found");
            }
            if (!missing.isEmpty()) {
                context.log().warning("Could not find the following artifact IDs: "
                        + String.join(", ", missing.stream().map(String::valueOf).toList()));
            }
        } else {
            Pattern matcher = pattern.isEmpty() ? null : namePattern(pattern);
            for (ArtifactStore.Artifact a : store.list()) {
                if (matcher == null || matcher.matcher(a.name()).matches()) {
                    chosen.add(a);
                }
            }
            if (matcher != null) {
                context.log().info("Filtered from " + store.list().size() + " to " + chosen.size()
                        + " artifact(s) by pattern '" + pattern + "'");
            }
        }

        context.log().info("Preparing to download the following artifacts:");
        for (ArtifactStore.Artifact a : chosen) {
            context.log().info("- " + a.name() + " (ID: " + a.id() + ", Size: " + a.size() + ", Expected Digest: "
                    + a.digest() + ")");
        }
        boolean single = !name.isEmpty();
        context.sandbox().createDirectories(downloadPath);
        for (ArtifactStore.Artifact a : chosen) {
            String target = single || merge ? downloadPath : SandboxPaths.join(downloadPath, a.name());
            Path unpacked = Files.createTempDirectory("hearth-download-");
            try {
                try (InputStream in = store.open(a)) {
                    ArtifactZip.extract(in, unpacked);
                }
                context.sandbox().createDirectories(target);
                context.sandbox().copyIn(unpacked, target);
            } finally {
                Trees.delete(unpacked);
            }
            context.log().info("Artifact '" + a.name() + "' (ID: " + a.id() + ") downloaded to " + target);
        }
        context.log().info("Total of " + chosen.size() + " artifact(s) downloaded");
        return BuiltinResult.success(Map.of("download-path", downloadPath));
    }

    /** Only this run's artifacts are on this machine; a token asking for another run or repository is refused. */
    private static void checkSameRun(BuiltinContext context) {
        if (context.input("github-token").isBlank()) {
            return;
        }
        String repository = context.input("repository").strip();
        String runId = context.input("run-id").strip();
        String ownRepository = context.event() == null ? "" : context.event().repository();
        boolean otherRepository = !repository.isEmpty() && !repository.equalsIgnoreCase(ownRepository);
        boolean otherRun = !runId.isEmpty() && !runId.equals(context.stores().runId());
        if (otherRepository || otherRun) {
            throw new InvalidInputException("Downloading artifacts of another run or repository is not supported by "
                    + "Hearth's built-in download-artifact: artifacts are kept per run on the machine that ran it.");
        }
    }

    private static List<Long> parseIds(String ids) {
        List<Long> out = new ArrayList<>();
        for (String id : ids.split(",")) {
            String trimmed = id.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                out.add(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Invalid artifact ID: '" + trimmed + "'. Must be a number.");
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No valid artifact IDs provided in 'artifact-ids' input");
        }
        return out;
    }

    /** An artifact name pattern: a glob over the whole name, as {@code minimatch} reads one without slashes. */
    private static Pattern namePattern(String pattern) {
        String regex = GlobPattern.Segment.toRegex(pattern);
        return Pattern.compile(regex == null ? Pattern.quote(pattern) : regex);
    }
}
