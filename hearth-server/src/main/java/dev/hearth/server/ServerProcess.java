package dev.hearth.server;

import dev.hearth.server.config.ConfigException;
import dev.hearth.server.config.ServerConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A server as a process's whole life: configured from the environment, started, and stopped in order on
 * SIGTERM or SIGINT. {@code hearth serve} is this; {@link #main} is the same without the CLI.
 */
public final class ServerProcess {

    private ServerProcess() {
    }

    /** Runs a server configured by the process's environment until it is signalled. */
    public static void main(String[] args) throws Exception {
        System.exit(run(System.getenv(), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a server configured by {@code env} until SIGTERM or SIGINT, then stops it in order; returns
     * the process's exit code (2 for a configuration error, told on {@code err}).
     */
    public static int run(Map<String, String> env, PrintWriter err) throws Exception {
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
