package dev.hearth.actions.resolve;

import dev.hearth.sandbox.files.Trees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The folder of fetched actions, shared by runs and processes:
 * <pre>
 * &lt;cache&gt;/&lt;owner&gt;/&lt;repo&gt;/&lt;sha&gt;/          the repository's files at that commit, complete or absent
 * &lt;cache&gt;/&lt;owner&gt;/&lt;repo&gt;/.refs/&lt;ref&gt;       the SHA a ref had when last fetched (for offline runs)
 * &lt;cache&gt;/&lt;owner&gt;/&lt;repo&gt;/.locks/&lt;ref&gt;.lock  held while that ref is fetched
 * &lt;cache&gt;/&lt;owner&gt;/&lt;repo&gt;/.tmp-&lt;ref&gt;-&lt;n&gt;/  work folders of fetches in progress
 * </pre>
 * Owner and repository are lower-cased (GitHub's names ignore case); refs are URL-encoded. A commit's
 * folder is filled under a temporary name and renamed into place in one step, so a reader never sees a
 * half-written folder, whether another fetch is running or one crashed.
 */
final class ActionCache {

    /** One lock per lock file in this JVM: a file lock cannot be taken twice by one process. */
    private static final ConcurrentMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    ActionCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path repository(String owner, String repo) {
        return root.resolve(owner.toLowerCase(Locale.ROOT)).resolve(repo.toLowerCase(Locale.ROOT));
    }

    /** The folder of a commit's files (present or not). */
    Path checkout(String owner, String repo, String sha) {
        return repository(owner, repo).resolve(sha.toLowerCase(Locale.ROOT));
    }

    boolean has(String owner, String repo, String sha) {
        return Files.isDirectory(checkout(owner, repo, sha));
    }

    /** The SHA {@code ref} had when it was last fetched, or null. */
    String remembered(String owner, String repo, String ref) {
        Path file = repository(owner, repo).resolve(".refs").resolve(encode(ref));
        try {
            String sha = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return RefRules.isFullSha(sha) ? sha.toLowerCase(Locale.ROOT) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // an unreadable note only costs a fetch
        }
    }

    /** Notes the SHA of {@code ref}; written whole or not at all. */
    void remember(String owner, String repo, String ref, String sha) throws IOException {
        Path dir = Files.createDirectories(repository(owner, repo).resolve(".refs"));
        Path tmp = Files.createTempFile(dir, ".tmp-", "");
        try {
            Files.writeString(tmp, sha + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(encode(ref)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Takes the fetch lock of {@code owner/repo@ref}: other threads and other processes that want the
     * same ref wait here until it is released. Work folders of this ref left by a crashed fetch are
     * removed once the lock is held, since no one else can be using them.
     */
    Held lock(String owner, String repo, String ref) throws IOException {
        Path locks = Files.createDirectories(repository(owner, repo).resolve(".locks"));
        Path file = locks.resolve(encode(ref) + ".lock");
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            Held held = new Held(local, channel, lock);
            removeStaleWork(owner, repo, ref);
            return held;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /** A held fetch lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(ReentrantLock local, FileChannel channel, FileLock lock) {
            this.local = local;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                local.unlock();
            }
        }
    }

    /** A new, empty work folder for a fetch of {@code ref}; the caller deletes it. */
    Path newWork(String owner, String repo, String ref) throws IOException {
        Path dir = Files.createDirectories(repository(owner, repo));
        return Files.createTempDirectory(dir, workPrefix(ref));
    }

    /**
     * Moves a finished tree into place as the commit's folder, in one rename. When the folder is
     * already there (another process was quicker) the tree is deleted and the existing folder kept.
     */
    Path publish(Path tree, String owner, String repo, String sha) throws IOException {
        Path target = checkout(owner, repo, sha);
        try {
            Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(tree);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            deleteTree(tree);
        }
        return target;
    }

    private void removeStaleWork(String owner, String repo, String ref) throws IOException {
        String prefix = workPrefix(ref);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(repository(owner, repo), prefix + "*")) {
            for (Path p : entries) {
                deleteTree(p);
            }
        }
    }

    /** Encoded refs hold no '-', so the prefix of one ref never matches another's work folders. */
    private static String workPrefix(String ref) {
        return ".tmp-" + encode(ref).replace("-", "%2D") + "-";
    }

    private static String encode(String ref) {
        return URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }

    /** Deletes a folder and everything in it, without following links ({@link Trees#delete}); a missing folder is fine. */
    static void deleteTree(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
