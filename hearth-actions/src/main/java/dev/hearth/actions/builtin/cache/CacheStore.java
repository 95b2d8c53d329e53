package dev.hearth.actions.builtin.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.actions.builtin.files.StoreLock;
import dev.hearth.sandbox.files.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The cache on the host, shared by every run, job and process that points at the same folder.
 *
 * <p>An entry is keyed by (scope, key, version): the scope is the repository, so two repositories never
 * see each other's entries; the version is derived from the {@code path} input, so a restore with other
 * paths does not find an entry saved with these. Entries are immutable: a save of a key that exists is
 * refused, as GitHub refuses it. An entry holds its files as plain trees ({@code data/<n>}, one per
 * search path, with the search path's place relative to the workspace), so a restore copies them
 * straight into the sandbox.
 *
 * <p>Safety: an entry is built in {@code staging/} and appears in {@code entries/} by one atomic rename,
 * so a reader never sees half an entry. Lookups, installs and evictions happen under {@link StoreLock}
 * (threads and processes). A restore holds a lease (a file naming its process) while it copies, and
 * eviction skips leased entries unless the leasing process is gone. When the store grows past its limit,
 * the least recently used entries go first, moved to {@code trash/} under the lock and deleted after it.
 */
public final class CacheStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STALE = Duration.ofHours(6);

    private final Path root;
    private final long limit;

    /**
     * @param root  the store's folder (created when missing)
     * @param limit the size limit in bytes, counting the regular files of every entry
     */
    public CacheStore(Path root, long limit) {
        this.root = root.toAbsolutePath().normalize();
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /**
     * One entry.
     *
     * @param id      the entry's folder name, a hash of scope, version and key
     * @param scope   the repository it belongs to
     * @param key     the key it was saved with
     * @param version the version of its paths
     * @param bytes   the size of its files
     * @param created when it was saved, epoch milliseconds
     * @param roots   where each {@code data/<n>} goes back to, relative to the workspace
     */
    public record Entry(String id, String scope, String key, String version, long bytes, long created,
                        List<String> roots) {
        public Entry {
            roots = List.copyOf(roots);
        }
    }

    /** An entry pinned against eviction while its files are read; closing it lets it go. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private final Path file;

        private Lease(Entry entry, Path file) {
            this.entry = entry;
            this.file = file;
        }

        public Entry entry() {
            return entry;
        }

        /** The folder holding what goes back to {@code entry().roots().get(index)}. */
        public Path data(int index) {
            return entryDir(entry.id()).resolve("data").resolve(Integer.toString(index));
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A lease left behind names this process; eviction drops it once the process is gone.
            }
        }
    }

    /** How a save ended. */
    public enum SaveOutcome {
        SAVED,
        /** An entry with this scope, key and version exists (or is being saved by another job). */
        EXISTS,
        /** The entry alone is larger than the store's limit. */
        TOO_LARGE
    }

    /** The id of (scope, version, key). */
    public static String id(String scope, String version, String key) {
        return sha256(scope + "\n" + version + "\n" + key);
    }

    /** Whether an entry with this scope, version and key exists now. */
    public boolean exists(String scope, String version, String key) {
        return Files.isDirectory(entryDir(id(scope, version, key)));
    }

    /**
     * Finds the entry a restore takes: the one with exactly the primary key; else, for the primary key
     * and then each restore key in order, the newest entry whose key starts with it. Only entries of the
     * same scope and version count.
     *
     * @param lease whether to pin it (and count it as used) for a restore; a lookup does not
     */
    public Optional<Lease> find(String scope, String version, String primaryKey, List<String> restoreKeys,
                                boolean lease) throws IOException {
        return StoreLock.with(lockFile(), () -> {
            List<Entry> candidates = readEntries().stream()
                    .filter(e -> e.scope().equals(scope) && e.version().equals(version)).toList();
            Optional<Entry> match = candidates.stream().filter(e -> e.key().equals(primaryKey)).findFirst();
            List<String> prefixes = new ArrayList<>();
            prefixes.add(primaryKey);
            prefixes.addAll(restoreKeys);
            for (int i = 0; match.isEmpty() && i < prefixes.size(); i++) {
                String prefix = prefixes.get(i);
                match = candidates.stream().filter(e -> e.key().startsWith(prefix))
                        .max(Comparator.comparingLong(Entry::created).thenComparing(Entry::key));
            }
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Entry entry = match.get();
            Path leaseFile = entryDir(entry.id()).resolve("leases").resolve(leaseName());
            if (lease) {
                Files.createDirectories(leaseFile.getParent());
                Files.createFile(leaseFile);
                Files.setLastModifiedTime(entryDir(entry.id()).resolve("used"), FileTime.from(Instant.now()));
            }
            return Optional.of(new Lease(entry, leaseFile));
        });
    }

    /** A fresh folder to build an entry in, inside the store so that installing it is a rename. */
    public Path newStaging() throws IOException {
        Path dir = root.resolve("staging").resolve(UUID.randomUUID().toString());
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Installs a staged entry (its files in {@code staging/data/<n>}) and evicts what no longer fits. The
     * staging folder is gone afterwards, whatever the outcome.
     */
    public SaveOutcome commit(Path staging, String scope, String key, String version, List<String> roots,
                              long bytes) throws IOException {
        String id = id(scope, version, key);
        List<Path> doomed = new ArrayList<>();
        SaveOutcome outcome;
        try {
            outcome = StoreLock.with(lockFile(), () -> {
                if (bytes > limit) {
                    return SaveOutcome.TOO_LARGE;
                }
                Path target = entryDir(id);
                if (Files.exists(target)) {
                    return SaveOutcome.EXISTS;
                }
                Entry entry = new Entry(id, scope, key, version, bytes, System.currentTimeMillis(), roots);
                Files.write(staging.resolve("entry.json"), JSON.writeValueAsBytes(entry));
                Files.createFile(staging.resolve("used"));
                Files.createDirectories(target.getParent());
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    return SaveOutcome.EXISTS;
                }
                doomed.addAll(evict(id));
                doomed.addAll(stale());
                return SaveOutcome.SAVED;
            });
        } finally {
            if (Files.exists(staging)) {
                doomed.add(staging);
            }
            for (Path p : doomed) {
                deleteQuietly(p);
            }
        }
        return outcome;
    }

    /** Every entry, newest first. */
    public List<Entry> entries() throws IOException {
        return StoreLock.with(lockFile(), () -> readEntries().stream()
                .sorted(Comparator.comparingLong(Entry::created).reversed()).toList());
    }

    /** The bytes every entry holds. */
    public long totalBytes() throws IOException {
        return entries().stream().mapToLong(Entry::bytes).sum();
    }

    /** Under the lock: moves least recently used entries to the trash until the rest fits; returns them. */
    private List<Path> evict(String keep) throws IOException {
        List<Path> evicted = new ArrayList<>();
        List<Entry> all = readEntries();
        long total = all.stream().mapToLong(Entry::bytes).sum();
        if (total <= limit) {
            return evicted;
        }
        List<Entry> byUse = new ArrayList<>(all);
        Map<String, Long> used = new HashMap<>();
        for (Entry e : byUse) {
            used.put(e.id(), lastUsed(e));
        }
        byUse.sort(Comparator.comparingLong(e -> used.get(e.id())));
        for (Entry e : byUse) {
            if (total <= limit) {
                break;
            }
            if (e.id().equals(keep) || leased(entryDir(e.id()))) {
                continue;
            }
            Path trash = root.resolve("trash").resolve(UUID.randomUUID().toString());
            Files.createDirectories(trash.getParent());
            Files.move(entryDir(e.id()), trash, StandardCopyOption.ATOMIC_MOVE);
            evicted.add(trash);
            total -= e.bytes();
        }
        return evicted;
    }

    /** Under the lock: staging and trash folders left by processes that died, to delete. */
    private List<Path> stale() throws IOException {
        List<Path> out = new ArrayList<>();
        Instant before = Instant.now().minus(STALE);
        for (String dir : List.of("staging", "trash")) {
            Path parent = root.resolve(dir);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> list = Files.list(parent)) {
                for (Path p : list.toList()) {
                    try {
                        if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                            out.add(p);
                        }
                    } catch (java.nio.file.NoSuchFileException e) {
                        // deleted meanwhile: trash and staging folders are deleted outside the lock
                    }
                }
            }
        }
        return out;
    }

    private long lastUsed(Entry e) {
        try {
            return Files.getLastModifiedTime(entryDir(e.id()).resolve("used")).toMillis();
        } catch (IOException ex) {
            return e.created();
        }
    }

    /** Whether a live process holds a lease on the entry; leases of dead processes are removed. */
    private static boolean leased(Path entryDir) throws IOException {
        Path leases = entryDir.resolve("leases");
        if (!Files.isDirectory(leases)) {
            return false;
        }
        boolean live = false;
        try (Stream<Path> list = Files.list(leases)) {
            for (Path lease : list.toList()) {
                if (holderAlive(lease.getFileName().toString())) {
                    live = true;
                } else {
                    Files.deleteIfExists(lease);
                }
            }
        }
        return live;
    }

    private static String leaseName() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return self.pid() + "-" + start + "-" + UUID.randomUUID();
    }

    private static boolean holderAlive(String leaseName) {
        String[] parts = leaseName.split("-", 3);
        try {
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            Optional<ProcessHandle> holder = ProcessHandle.of(pid);
            if (holder.isEmpty() || !holder.get().isAlive()) {
                return false;
            }
            long actual = holder.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            // A recycled pid has another start time; compare loosely, the clock source may round.
            return start == 0 || actual == 0 || Math.abs(actual - start) < 2000;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<Entry> readEntries() throws IOException {
        Path entries = root.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(entries)) {
            for (Path dir : list.toList()) {
                Path json = dir.resolve("entry.json");
                if (Files.isRegularFile(json)) {
                    out.add(JSON.readValue(json.toFile(), Entry.class));
                }
            }
        }
        return out;
    }

    private Path entryDir(String id) {
        return root.resolve("entries").resolve(id);
    }

    private Path lockFile() {
        return root.resolve("lock");
    }

    private static void deleteQuietly(Path p) {
        try {
            Trees.delete(p);
        } catch (IOException e) {
            // Left for the next sweep of stale folders.
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
