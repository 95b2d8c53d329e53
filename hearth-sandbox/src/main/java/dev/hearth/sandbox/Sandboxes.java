package dev.hearth.sandbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sandboxes of this JVM. Backends register a sandbox when they create it and unregister it
 * when it is destroyed; one shutdown hook destroys whatever is still live when the JVM exits (Ctrl-C,
 * {@code System.exit}). A JVM killed outright runs no hook; the process reaper covers that case.
 */
public final class Sandboxes {
    private static final Set<Sandbox> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private Sandboxes() {
    }

    /** Tracks a new sandbox. */
    public static void register(Sandbox sandbox) {
        installHook();
        LIVE.add(sandbox);
    }

    /** Stops tracking a destroyed sandbox. */
    public static void unregister(Sandbox sandbox) {
        LIVE.remove(sandbox);
    }

    /** The sandboxes not destroyed yet. */
    public static List<Sandbox> live() {
        return List.copyOf(LIVE);
    }

    /** Destroys every live sandbox; what the shutdown hook runs. */
    public static void destroyAll() {
        for (Sandbox sandbox : live()) {
            sandbox.destroy();
        }
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(
                    Thread.ofPlatform().name("hearth-sandboxes-shutdown").unstarted(() -> {
                        destroyAll();
                        dev.hearth.sandbox.process.Reaper.closeSharedAtExit(java.time.Duration.ofSeconds(2));
                    }));
            hookInstalled = true;
        }
    }
}
