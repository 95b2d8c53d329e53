package dev.hearth.cli;

import dev.hearth.server.ServerProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearth serve}: the webhook server. Settings come from the environment and an optional config
 * file ({@link ServerConfig}); {@code --port} and {@code --config} override {@code PORT} and
 * {@code HEARTH_CONFIG}. SIGTERM stops intake, lets running workflows finish within the grace period,
 * then cancels them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the webhook server: GitHub deliveries become durable runs, each workflow in its own "
                + "sandbox, with results reported back to GitHub.",
                "Settings: environment variables (PORT, HEARTH_DB, GITHUB_WEBHOOK_SECRET, GITHUB_TOKEN or "
                        + "GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_API_URL, MAX_CONCURRENT_WORKFLOWS, "
                        + "HEARTH_BACKEND, ...) and an optional config file; see the README."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (overrides PORT; default 3004).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML or properties config file (overrides HEARTH_CONFIG).")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put("PORT", Integer.toString(port));
        }
        if (config != null) {
            env.put("HEARTH_CONFIG", config.toString());
        }
        LogSetup.forServer();
        return ServerProcess.run(env, err);
    }
}
