package dev.hearth.cli.run;

import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.Builtins;
import dev.hearth.actions.llm.LlmConfigException;
import dev.hearth.actions.llm.LlmStepTranslator;
import dev.hearth.actions.llm.StepTranslator;
import dev.hearth.actions.resolve.ActionSources;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.workflow.reusable.RemoteFiles;
import dev.hearth.engine.action.ActionSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code hearth run} that say where {@code uses:} steps come from and where the built-in
 * actions keep their files, and the {@link ActionSetup} they make for each workflow run. The LLM
 * translator is configured by the {@code HEARTH_LLM_*} environment variables and made once per
 * {@code hearth run}, so its cache, circuit breaker and concurrency limit cover every workflow.
 */
public final class ActionFlags {

    @Option(names = "--actions-url", paramLabel = "URL",
            description = "Where remote actions are fetched from with git: URL/<owner>/<repo> "
                    + "(a file:// URL works too). Default: https://github.com.")
    String actionsUrl;

    @Option(names = "--actions-cache", paramLabel = "DIR",
            description = "Where fetched actions are kept by commit SHA, shared by runs. Default: "
                    + "$HEARTH_ACTIONS_CACHE, else $XDG_CACHE_HOME/hearth/actions, else ~/.cache/hearth/actions.")
    Path actionsCache;

    @Option(names = "--offline",
            description = "Fetch no action: they come from --actions-mirror and the actions cache only (a step "
                    + "whose action is in neither fails, or is translated when an LLM is configured).")
    boolean offline;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "The store of actions/cache, shared by runs. Default: $XDG_CACHE_HOME/hearth/cache, "
                    + "else ~/.cache/hearth/cache.")
    Path cacheDir;

    @Option(names = "--cache-limit-mb", paramLabel = "MB", defaultValue = "10240",
            description = "The size limit of that store; the least recently used entries go first. "
                    + "Default: ${DEFAULT-VALUE} (GitHub's 10 GB).")
    long cacheLimitMb;

    @Option(names = "--artifacts-dir", paramLabel = "DIR",
            description = "Where upload-artifact keeps each workflow run's artifacts (DIR/<n>-<workflow>). "
                    + "Default: inside the work folder.")
    Path artifactsDir;

    /** The translator {@code HEARTH_LLM_*} describes, or null when no provider is set. */
    public StepTranslator translator(Map<String, String> env) throws UsageException {
        try {
            return LlmStepTranslator.fromEnvironment(env, new SimpleMeterRegistry()).orElse(null);
        } catch (LlmConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The resolver of one workflow run (GitHub asks for a branch once per run).
     *
     * @param mirror the folder of {@code --actions-mirror}, or null
     * @param token  sent when fetching over HTTPS ({@code GITHUB_TOKEN}), or null
     */
    public DefaultActionResolver resolver(Path mirror, String token, Map<String, String> env) {
        Path cache = actionsCache != null ? actionsCache : ActionSources.defaultCacheDir(env);
        return new DefaultActionResolver(new ActionSources(actionsUrl, cache.toAbsolutePath(),
                mirror == null ? null : mirror.toAbsolutePath(), offline, token == null || token.isEmpty() ? null : token));
    }

    /**
     * Called workflows of other repositories ({@code owner/repo/path@ref}) for the workflow reader,
     * found or fetched as actions are: the mirror, the cache by commit, then git from
     * {@code --actions-url} (unless {@code --offline}).
     */
    public RemoteFiles remoteFiles(Path mirror, Map<String, String> env) {
        return resolver(mirror, env.get("GITHUB_TOKEN"), env).remoteFiles();
    }

    /**
     * What one workflow run uses for its action steps.
     *
     * @param runWork    the run's work folder
     * @param runName    the run's name among this command's runs, e.g. {@code 1-ci}
     * @param resolver   resolves {@code uses:} values
     * @param translator the LLM translator, or null
     */
    public ActionSetup setup(Path runWork, String runName, long runId, ActionResolver resolver,
                             StepTranslator translator, Map<String, String> env) {
        Path cache = cacheDir != null ? cacheDir : defaultCacheDir(env);
        Path artifacts = artifactsDir != null ? artifactsDir.resolve(runName) : runWork.resolve("artifacts");
        return new ActionSetup(resolver, Builtins.standard(), translator,
                new BuiltinContext.Stores(cache.toAbsolutePath(), cacheLimitMb * 1024 * 1024,
                        artifacts.toAbsolutePath(), Long.toString(runId)));
    }

    static Path defaultCacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hearth").resolve("cache");
    }
}
