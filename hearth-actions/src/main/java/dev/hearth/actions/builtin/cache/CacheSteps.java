package dev.hearth.actions.builtin.cache;

import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;
import dev.hearth.actions.builtin.files.PathPatterns;
import dev.hearth.actions.builtin.files.SandboxHome;
import dev.hearth.actions.builtin.files.SandboxMirror;
import dev.hearth.actions.builtin.files.SandboxPaths;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The restore and save halves that {@code actions/cache}, {@code actions/cache/restore} and
 * {@code actions/cache/save} share, with the real actions' rules and messages.
 */
final class CacheSteps {
    /** GitHub's limits on keys. */
    static final int MAX_KEY_LENGTH = 512;
    static final int MAX_KEYS = 10;

    private CacheSteps() {
    }

    /**
     * What a restore found.
     *
     * @param primaryKey the key asked for
     * @param matchedKey the key of the entry found, or null on a miss
     */
    record Restored(String primaryKey, String matchedKey) {
        boolean exactHit() {
            return matchedKey != null && matchedKey.equals(primaryKey);
        }
    }

    /**
     * Looks an entry up and, unless {@code lookup-only}, copies its files into the sandbox.
     *
     * @throws InvalidInputException for invalid keys or paths, and on a miss with {@code fail-on-cache-miss}
     */
    static Restored restore(BuiltinContext context) throws IOException {
        String primaryKey = Inputs.required(context, "key");
        List<String> restoreKeys = Inputs.lines(context, "restore-keys");
        List<String> paths = paths(context);
        boolean failOnMiss = Inputs.bool(context, "fail-on-cache-miss");
        boolean lookupOnly = Inputs.bool(context, "lookup-only");
        List<String> keys = new ArrayList<>();
        keys.add(primaryKey);
        keys.addAll(restoreKeys);
        if (keys.size() > MAX_KEYS) {
            throw new InvalidInputException("Key Validation Error: Keys are limited to a maximum of " + MAX_KEYS + ".");
        }
        keys.forEach(CacheSteps::checkKey);

        CacheStore store = store(context);
        String scope = scope(context);
        String version = version(paths);
        Optional<CacheStore.Lease> found = store.find(scope, version, primaryKey, restoreKeys, !lookupOnly);
        if (found.isEmpty()) {
            if (failOnMiss) {
                throw new InvalidInputException("Failed to restore cache entry. Exiting as fail-on-cache-miss is set. "
                        + "Input key: " + primaryKey);
            }
            context.log().info("Cache not found for input keys: " + String.join(", ", keys));
            return new Restored(primaryKey, null);
        }
        try (CacheStore.Lease lease = found.get()) {
            CacheStore.Entry entry = lease.entry();
            if (lookupOnly) {
                context.log().info("Cache found and can be restored from key: " + entry.key());
                return new Restored(primaryKey, entry.key());
            }
            context.log().info("Cache Size: ~" + megabytes(entry.bytes()) + " MB (" + entry.bytes() + " B)");
            try {
                for (int i = 0; i < entry.roots().size(); i++) {
                    String target = SandboxPaths.join(context.workspace(), entry.roots().get(i));
                    context.sandbox().copyIn(lease.data(i), target);
                }
            } catch (SandboxException e) {
                // As the real action: a restore that fails is a warning and counts as a miss.
                context.log().warning("Failed to restore: " + e.getMessage());
                return new Restored(primaryKey, null);
            }
            context.log().info("Cache restored from key: " + entry.key());
            return new Restored(primaryKey, entry.key());
        }
    }

    /**
     * Saves the files a {@code path} input names under {@code key}. Problems are warnings, never failures, as
     * with the real action.
     */
    static void save(BuiltinContext context, String key, String pathInput) throws IOException {
        List<String> paths = lines(pathInput);
        try {
            checkKey(key);
        } catch (InvalidInputException e) {
            context.log().warning(e.getMessage());
            return;
        }
        CacheStore store = store(context);
        String scope = scope(context);
        String version = version(paths);
        if (store.exists(scope, version, key)) {
            context.log().warning(reserveFailed(key));
            return;
        }
        PathPatterns patterns = PathPatterns.parse(pathInput, context.workspace(), new SandboxHome(context));
        Path staging = store.newStaging();
        boolean committed = false;
        try {
            SandboxMirror mirror = SandboxMirror.copy(context.sandbox(), patterns.searchPaths(),
                    staging.resolve("mirror"), context.log());
            SandboxMirror.Pruned pruned = mirror.prune(patterns);
            if (pruned.roots().isEmpty()) {
                context.log().warning("Path Validation Error: Path(s) specified in the action for caching do(es) not "
                        + "exist, hence no cache is being saved.");
                return;
            }
            List<String> roots = new ArrayList<>();
            Files.createDirectories(staging.resolve("data"));
            for (int i = 0; i < pruned.roots().size(); i++) {
                String root = pruned.roots().get(i);
                Files.move(mirror.hostPath(root), staging.resolve("data").resolve(Integer.toString(i)));
                roots.add(SandboxPaths.relativize(context.workspace(), root));
            }
            Trees.delete(staging.resolve("mirror"));
            context.log().info("Cache Size: ~" + megabytes(pruned.bytes()) + " MB (" + pruned.bytes() + " B)");
            committed = true;
            switch (store.commit(staging, scope, key, version, roots, pruned.bytes())) {
                case SAVED -> context.log().info("Cache saved with key: " + key);
                case EXISTS -> context.log().warning(reserveFailed(key));
                case TOO_LARGE -> context.log().warning("Failed to save: Cache size of ~" + megabytes(pruned.bytes())
                        + " MB (" + pruned.bytes() + " B) is over the cache store's limit of " + store.limit()
                        + " B, not saving cache.");
            }
        } finally {
            if (!committed) {
                Trees.delete(staging);
            }
        }
    }

    private static String reserveFailed(String key) {
        return "Failed to save: Unable to reserve cache with key " + key + ", another job may be creating this cache.";
    }

    private static List<String> paths(BuiltinContext context) {
        return lines(context.input("path"));
    }

    private static List<String> lines(String pathInput) {
        List<String> paths = pathInput.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (paths.isEmpty()) {
            throw new InvalidInputException("Input required and not supplied: path");
        }
        return paths;
    }

    static void checkKey(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("Key Validation Error: " + key + " cannot be larger than "
                    + MAX_KEY_LENGTH + " characters.");
        }
        if (key.contains(",")) {
            throw new InvalidInputException("Key Validation Error: " + key + " cannot contain commas.");
        }
    }

    /**
     * The version of a {@code path} input: its lines as written, so a restore only finds what was saved
     * with the same paths, as GitHub's cache versions do; the store's format is part of it.
     */
    static String version(List<String> paths) {
        return CacheStore.sha256(String.join("|", paths) + "|hearth-tree-1");
    }

    private static String scope(BuiltinContext context) {
        String repository = context.event() == null ? null : context.event().repository();
        return repository == null ? "" : repository.toLowerCase(Locale.ROOT);
    }

    private static CacheStore store(BuiltinContext context) {
        return new CacheStore(context.stores().cacheRoot(), context.stores().cacheLimit());
    }

    private static String megabytes(long bytes) {
        return Long.toString(Math.round(bytes / (1024.0 * 1024.0)));
    }
}
