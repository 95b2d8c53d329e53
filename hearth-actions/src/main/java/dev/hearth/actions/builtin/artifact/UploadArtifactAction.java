package dev.hearth.actions.builtin.artifact;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;
import dev.hearth.actions.builtin.files.PathPatterns;
import dev.hearth.actions.builtin.files.SandboxHome;
import dev.hearth.actions.builtin.files.SandboxMirror;
import dev.hearth.actions.builtin.files.SandboxMirror.FoundFile;
import dev.hearth.actions.builtin.files.SandboxPaths;
import dev.hearth.sandbox.files.Trees;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code actions/upload-artifact} with v4's semantics: {@code path} lines with globs and {@code !}
 * excludes; the artifact's layout is relative to the least common ancestor of the search paths (a
 * single file named on its own is stored without its directories); hidden files are left out unless
 * {@code include-hidden-files}; a name taken in the run fails the step unless {@code overwrite}. Outputs
 * {@code artifact-id}, {@code artifact-url} and {@code artifact-digest}.
 */
public final class UploadArtifactAction implements BuiltinAction {
    /** GitHub's default and maximum retention for public repositories. */
    static final int MAX_RETENTION_DAYS = 90;

    @Override
    public List<String> names() {
        return List.of("actions/upload-artifact");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.of("name", "artifact", "if-no-files-found", "warn", "compression-level", "6",
                "overwrite", "false", "include-hidden-files", "false");
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            return upload(context);
        } catch (InvalidInputException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }

    private BuiltinResult upload(BuiltinContext context) throws Exception {
        String name = context.input("name").strip();
        ArtifactNames.check(name);
        String pathInput = Inputs.required(context, "path");
        String ifNoFiles = context.input("if-no-files-found").strip();
        if (!List.of("warn", "error", "ignore").contains(ifNoFiles)) {
            throw new InvalidInputException("Unrecognized if-no-files-found input. Provided: " + ifNoFiles
                    + ". Available options: warn,error,ignore");
        }
        int level = compressionLevel(context.input("compression-level").strip());
        int retentionDays = retentionDays(context);
        boolean overwrite = Inputs.bool(context, "overwrite");
        boolean includeHidden = Inputs.bool(context, "include-hidden-files");

        PathPatterns patterns = PathPatterns.parse(pathInput, context.workspace(), new SandboxHome(context));
        ArtifactStore store = new ArtifactStore(context.stores().artifactRoot());
        Path mirrorDir = Files.createTempDirectory("hearth-upload-");
        try {
            List<String> searchPaths = patterns.searchPaths();
            SandboxMirror mirror = SandboxMirror.copy(context.sandbox(), searchPaths, mirrorDir, context.log());
            List<FoundFile> files = mirror.files(patterns, includeHidden, context.log());
            if (files.isEmpty()) {
                String message = "No files were found with the provided path: " + pathInput.strip()
                        + ". No artifacts will be uploaded.";
                switch (ifNoFiles) {
                    case "error" -> {
                        return BuiltinResult.failure(message);
                    }
                    case "warn" -> context.log().warning(message);
                    default -> context.log().info(message);
                }
                return BuiltinResult.success(Map.of());
            }
            context.log().info("With the provided path, there will be " + files.size() + " file(s) uploaded");
            String root = rootDirectory(searchPaths, files);
            Path archive = store.newStagingFile();
            ArtifactZip.write(files, root, archive, level);
            ArtifactStore.Artifact artifact;
            try {
                artifact = store.add(name, archive, files.size(),
                        Instant.now().plus(Duration.ofDays(retentionDays)), overwrite);
            } catch (ArtifactStore.ArtifactExistsException e) {
                return BuiltinResult.failure("Failed to CreateArtifact: Received non-retryable error: Failed request: "
                        + "(409) Conflict: an artifact with this name already exists on the workflow run");
            }
            String url = artifactUrl(context, artifact.id());
            context.log().info("Artifact " + name + " has been successfully uploaded! Final size is "
                    + artifact.size() + " bytes. Artifact ID is " + artifact.id());
            context.log().info("Artifact download URL: " + url);
            return BuiltinResult.success(Map.of("artifact-id", Long.toString(artifact.id()), "artifact-url", url,
                    "artifact-digest", artifact.digest()));
        } finally {
            Trees.delete(mirrorDir);
        }
    }

    /**
     * The folder the artifact's names are relative to: the least common ancestor of several search
     * paths; the parent of a single file that is its own search path; else the one search path.
     */
    static String rootDirectory(List<String> searchPaths, List<FoundFile> files) {
        if (searchPaths.size() > 1) {
            String common = searchPaths.getFirst();
            for (String p : searchPaths) {
                while (!SandboxPaths.isWithin(p, common)) {
                    common = SandboxPaths.parent(common);
                }
            }
            return common;
        }
        String only = searchPaths.getFirst();
        if (files.size() == 1 && files.getFirst().sandboxPath().equals(only)) {
            return SandboxPaths.parent(only);
        }
        return only;
    }

    private static int compressionLevel(String value) {
        try {
            int level = Integer.parseInt(value.isEmpty() ? "6" : value);
            if (level < 0 || level > 9) {
                throw new InvalidInputException("Invalid compression-level. Valid values are 0-9");
            }
            return level;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid compression-level");
        }
    }

    /** Days to keep it: the input, capped at the maximum with a warning; the maximum when not given. */
    private static int retentionDays(BuiltinContext context) {
        String value = context.input("retention-days").strip();
        if (value.isEmpty()) {
            return MAX_RETENTION_DAYS;
        }
        int days;
        try {
            days = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid retention-days");
        }
        if (days < 0) {
            throw new InvalidInputException("Invalid retention-days");
        }
        if (days == 0) {
            return MAX_RETENTION_DAYS;
        }
        if (days > MAX_RETENTION_DAYS) {
            context.log().warning("Retention days cannot be greater than the maximum allowed retention set within the "
                    + "repository. Using " + MAX_RETENTION_DAYS + " instead.");
            return MAX_RETENTION_DAYS;
        }
        return days;
    }

    private static String artifactUrl(BuiltinContext context, long id) {
        String server = context.event() == null ? BuiltinContext.EventSource.GITHUB : context.event().serverUrl();
        String repository = context.event() == null ? "" : context.event().repository();
        return server + "/" + repository + "/actions/runs/" + context.stores().runId() + "/artifacts/" + id;
    }
}
