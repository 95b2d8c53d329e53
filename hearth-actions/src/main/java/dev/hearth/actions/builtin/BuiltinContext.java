package dev.hearth.actions.builtin;

import dev.hearth.sandbox.Sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a built-in action gets from the engine for one step.
 *
 * @param sandbox    the job's sandbox; files go in and out through it only
 * @param inputs     the evaluated {@code with:} values, defaults applied, keyed by lower-case input name
 * @param state      for {@code post}: the state {@code main} returned; empty for {@code main}
 * @param workspace  {@code GITHUB_WORKSPACE} as a path inside the sandbox
 * @param event      the run's repository and commit
 * @param stores     the host-side stores (cache, artifacts)
 * @param log        where the action reports progress; the engine masks secrets in it
 * @param home       {@code HOME} as a path inside the sandbox, for {@code ~} in path inputs; null when the
 *                   engine does not say, and the actions then ask the sandbox
 */
public record BuiltinContext(Sandbox sandbox, Map<String, String> inputs, Map<String, String> state,
                             String workspace, EventSource event, Stores stores, ActionLog log, String home) {

    /** A context without {@code home}: {@code ~} is then expanded with the sandbox's own {@code HOME}. */
    public BuiltinContext(Sandbox sandbox, Map<String, String> inputs, Map<String, String> state,
                          String workspace, EventSource event, Stores stores, ActionLog log) {
        this(sandbox, inputs, state, workspace, event, stores, log, null);
    }

    /** An input's value, "" when absent. */
    public String input(String name) {
        String v = inputs.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? "" : v;
    }

    /**
     * The repository the run is for.
     *
     * @param repository {@code owner/name}
     * @param sha        the event's commit
     * @param ref        the event's ref, e.g. {@code refs/heads/main}, or null
     * @param repositoryDir a git repository on the host holding that commit (Hearth's own clone, or the
     *                   developer's repository under {@code hearth run}); checkout reads from it
     * @param token      the token for fetching other repositories; never written into the workspace
     * @param serverUrl  {@code github.server_url}: other repositories are fetched from
     *                   {@code <serverUrl>/<owner>/<repo>} (a {@code file://} URL works too), and it is the
     *                   {@code origin} of every checkout
     */
    public record EventSource(String repository, String sha, String ref, Path repositoryDir, String token,
                              String serverUrl) {

        /** GitHub's own server. */
        public static final String GITHUB = "https://github.com";

        public EventSource {
            serverUrl = serverUrl == null || serverUrl.isBlank() ? GITHUB : serverUrl;
        }

        /** An event whose other repositories come from GitHub. */
        public EventSource(String repository, String sha, String ref, Path repositoryDir, String token) {
            this(repository, sha, ref, repositoryDir, token, GITHUB);
        }
    }

    /**
     * Host-side storage shared across runs (cache) or kept per run (artifacts).
     *
     * @param cacheRoot    the cache store's folder
     * @param cacheLimit   the cache store's size limit in bytes; least recently used entries go first
     * @param artifactRoot this run's artifact folder
     * @param runId        the run's id, for artifact retention and listing
     */
    public record Stores(Path cacheRoot, long cacheLimit, Path artifactRoot, String runId) {
    }

    /** Progress lines of a built-in action. */
    public interface ActionLog {
        void info(String line);

        void warning(String line);
    }
}
