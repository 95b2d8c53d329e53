package dev.hearth.actions.builtin.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a host store, held across threads and processes: a lock in this JVM per lock
 * file (a file lock belongs to the whole process, and a second one from another thread would fail
 * rather than wait), then the operating system's lock on the file for other processes.
 */
public final class StoreLock {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private StoreLock() {
    }

    /** Work done while the lock is held. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the lock on {@code lockFile} (created when missing). */
    public static <T> T with(Path lockFile, Locked<T> work) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return work.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }
}
