package dev.hearth.actions.builtin.cache;

import java.nio.file.Path;

/**
 * A process that saves entries into a cache store, for {@link CacheStoreTest}'s test across
 * processes. Arguments: store folder, limit, key prefix, how many entries, bytes per entry, how many
 * writers, a folder where the writers meet. It first saves the key {@code shared} (which every writer
 * races for), then its own keys, and prints {@code <key> <outcome>} per save.
 */
public final class CacheStoreWriter {
    private CacheStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        CacheStore store = new CacheStore(Path.of(args[0]), Long.parseLong(args[1]));
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int bytes = Integer.parseInt(args[4]);
        int writers = Integer.parseInt(args[5]);
        // Every writer races for the shared key only once all have started, and saves its own keys
        // only once all have tried it: an early writer's evictions must not remove it before a late
        // writer (a slow JVM start) tries it.
        Path meetings = Path.of(args[6]);
        meet(meetings, "started", prefix, writers);
        System.out.println("shared " + CacheStoreTest.put(store, "shared", bytes));
        meet(meetings, "shared", prefix, writers);
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            System.out.println(key + " " + CacheStoreTest.put(store, key, bytes));
        }
    }

    /** Marks this writer as at {@code point} and waits (up to a minute) until every writer is. */
    private static void meet(Path meetings, String point, String writer, int writers) throws Exception {
        Path dir = meetings.resolve(point);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.createFile(dir.resolve(writer));
        long until = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (java.util.stream.Stream<Path> here = java.nio.file.Files.list(dir)) {
                if (here.count() >= writers) {
                    return;
                }
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("not every writer reached " + point);
            }
            Thread.sleep(5);
        }
    }
}
