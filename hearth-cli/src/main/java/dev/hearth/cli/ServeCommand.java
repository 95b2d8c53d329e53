package dev.hearth.cli;

import dev.hearth.server.ServeOptions;
import dev.hearth.server.Server;
import dev.hearth.server.config.ConfigException;
import dev.hearth.server.config.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
        ServerConfig settings;
        try {
            settings = ServerConfig.load(env);
        } catch (ConfigException e) {
            err.println("hearth serve: " + e.getMessage());
            err.flush();
            return 2;
        }
        Server server = new Server(settings, ServeOptions.fromEnvironment(env));
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        // SIGTERM/SIGINT stop the server in order (intake, runs with a grace period, reports) before
        // the JVM's shutdown hooks destroy the sandboxes.
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> Thread.ofPlatform().start(stop));
        }
        server.start();
        stopped.await();
        return 0;
    }
}
