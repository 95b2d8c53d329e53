package dev.hearth.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The host folder under which a run's sandboxes keep their files: the one given with
 * {@code --work-dir} (created when missing, never removed: it is the user's), or a fresh temporary
 * folder removed on close unless it is to be kept.
 */
public final class WorkFolder implements AutoCloseable {

    private final Path path;
    private final boolean temporary;
    private final boolean keep;
    private final PrintWriter err;

    private WorkFolder(Path path, boolean temporary, boolean keep, PrintWriter err) {
        this.path = path;
        this.temporary = temporary;
        this.keep = keep;
        this.err = err;
    }

    /**
     * @param given the folder of {@code --work-dir}, or null for a temporary one
     * @param keep  whether a temporary folder stays after the run (its path is printed on {@code err})
     */
    public static WorkFolder open(Path given, boolean keep, PrintWriter err) throws UsageException {
        try {
            if (given != null) {
                return new WorkFolder(Files.createDirectories(given).toAbsolutePath(), false, true, err);
            }
            return new WorkFolder(Files.createTempDirectory("hearth-run-"), true, keep, err);
        } catch (IOException e) {
            throw new UsageException("cannot create the work folder: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        if (keep) {
            err.println("work folder kept: " + path);
            err.flush();
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("hearth run: could not remove the work folder " + path + ": " + e.getMessage());
            err.flush();
        }
    }
}
