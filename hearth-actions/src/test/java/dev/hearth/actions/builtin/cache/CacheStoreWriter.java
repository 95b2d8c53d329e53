package dev.hearth.actions.builtin.cache;

import java.nio.file.Path;

/**
 * A process that saves entries into a cache store, for {@link CacheStoreTest}'s test across
 * processes. Arguments: store folder, limit, key prefix, how many entries, bytes per entry. It first
 * saves the key {@code shared} (which every writer races for), then its own keys, and prints
 * {@code <key> <outcome>} per save.
 */
public final class CacheStoreWriter {
    private CacheStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        CacheStore store = new CacheStore(Path.of(args[0]), Long.parseLong(args[1]));
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        int bytes = Integer.parseInt(args[4]);
        System.out.println("shared " + CacheStoreTest.put(store, "shared", bytes));
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            System.out.println(key + " " + CacheStoreTest.put(store, key, bytes));
        }
    }
}
