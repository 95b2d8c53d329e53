package dev.hearth.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * GitHub's real JavaScript toolkit ({@code @actions/core} from npm), installed once into the module's
 * build folder, for actions the tests write. Tests skip, with npm's reason, where npm or the registry
 * cannot be reached.
 */
final class ActionsToolkit {
    /** The 1.x line is what most published actions bundle (CommonJS). */
    static final String CORE = "@actions/core@1.11.1";
    private static final Path FOLDER = Path.of("target", "npm", "actions-core-1.11.1").toAbsolutePath();

    private static String failure;

    private ActionsToolkit() {
    }

    /** The installed {@code node_modules} folder, or null when npm could not install it (see {@link #failure()}). */
    static synchronized Path nodeModules() throws InterruptedException {
        Path modules = FOLDER.resolve("node_modules");
        if (Files.isRegularFile(modules.resolve("@actions/core/package.json"))) {
            return modules;
        }
        if (failure != null) {
            return null;
        }
        try {
            Files.createDirectories(FOLDER);
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    FOLDER.toString(), CORE).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failure = "npm install " + CORE + " did not finish in 5 minutes";
            } else if (p.exitValue() != 0 || !Files.isRegularFile(modules.resolve("@actions/core/package.json"))) {
                String text = new String(out, StandardCharsets.UTF_8).strip();
                failure = "npm install " + CORE + " failed (the registry may be out of reach): "
                        + (text.length() > 400 ? text.substring(text.length() - 400) : text);
            }
        } catch (IOException e) {
            failure = "npm is not usable here: " + e.getMessage();
        }
        return failure == null ? modules : null;
    }

    static synchronized String failure() {
        return failure;
    }
}
