package dev.hearth.engine.context;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code runner} context and RUNNER_* variables: this machine as GitHub would describe a
 * self-hosted runner.
 */
public final class RunnerContext {
    private final String name;
    private final String arch;
    private final boolean debug;

    public RunnerContext(String name, boolean debug) {
        this.name = name;
        this.arch = arch(System.getProperty("os.arch", ""));
        this.debug = debug;
    }

    /** A runner named after this host: {@code hearth-<hostname>}. */
    public static RunnerContext local(boolean debug) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return new RunnerContext("hearth-" + host, debug);
    }

    static String arch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "X64";
            case "aarch64", "arm64" -> "ARM64";
            case "arm", "aarch32" -> "ARM";
            case "x86", "i386", "i686" -> "X86";
            default -> osArch.toUpperCase(Locale.ROOT);
        };
    }

    /** Whether step debug logging is on. */
    public boolean debug() {
        return debug;
    }

    public Map<String, Object> values(StepPaths paths) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("os", "Linux");
        c.put("arch", arch);
        c.put("temp", paths.temp());
        c.put("tool_cache", paths.toolCache());
        c.put("environment", "self-hosted");
        c.put("debug", debug ? "1" : "");
        return c;
    }

    /** The same values as RUNNER_* variables; RUNNER_DEBUG only when debug logging is on, as GitHub sets it. */
    public Map<String, String> environment(StepPaths paths) {
        Map<String, String> env = new LinkedHashMap<>();
        putEnvironment(env, paths);
        return env;
    }

    /** Puts the RUNNER_* variables into {@code env}: those of {@link #values} that are set. */
    public void putEnvironment(Map<String, String> env, StepPaths paths) {
        values(paths).forEach((key, value) -> {
            if (value != null && !value.toString().isEmpty()) {
                env.put(ENV_NAMES.computeIfAbsent(key, k -> "RUNNER_" + k.toUpperCase(Locale.ROOT)), value.toString());
            }
        });
    }

    /** RUNNER_* names by context key, made once: this runs for every step. */
    private static final Map<String, String> ENV_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
}
