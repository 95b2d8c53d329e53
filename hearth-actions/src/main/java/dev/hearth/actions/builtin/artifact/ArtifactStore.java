package dev.hearth.actions.builtin.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.actions.builtin.files.StoreLock;
import dev.hearth.sandbox.files.Trees;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The artifacts of one run on the host: each a zip archive (what GitHub's API hands out for an
 * artifact) with its description, in {@code <run folder>/<id>/}. Names are unique within the run; ids
 * count up from 1 per run. Reading ({@link #list}, {@link #find}, {@link #open}) needs no lock, since
 * an artifact's folder appears by one atomic rename; changes happen under {@link StoreLock}, so jobs in
 * parallel (and other processes) upload safely. The server and the CLI list and serve artifacts
 * through this class.
 */
public final class ArtifactStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /** @param runRoot the run's artifact folder (created when needed) */
    public ArtifactStore(Path runRoot) {
        this.root = runRoot.toAbsolutePath().normalize();
    }

    /**
     * One stored artifact.
     *
     * @param id        its id within the run
     * @param name      its name, unique within the run
     * @param size      the size of its zip archive in bytes
     * @param digest    the SHA-256 of its zip archive, hex
     * @param files     how many files it holds
     * @param createdAt when it was uploaded, epoch milliseconds
     * @param expiresAt when retention ends, epoch milliseconds
     */
    public record Artifact(long id, String name, long size, String digest, int files, long createdAt,
                           long expiresAt) {
        public boolean expired(Instant now) {
            return expiresAt <= now.toEpochMilli();
        }
    }

    /** An artifact of that name exists and overwriting was not asked for. */
    public static final class ArtifactExistsException extends Exception {
        public ArtifactExistsException(String name) {
            super("an artifact named '" + name + "' already exists on this run");
        }
    }

    /** The artifacts not expired, by id. */
    public List<Artifact> list() throws IOException {
        Instant now = Instant.now();
        return readAll().stream().filter(a -> !a.expired(now)).toList();
    }

    /** The artifact of that name, if it exists and has not expired. */
    public Optional<Artifact> find(String name) throws IOException {
        return list().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The artifact of that id, if it exists and has not expired. */
    public Optional<Artifact> get(long id) throws IOException {
        return list().stream().filter(a -> a.id() == id).findFirst();
    }

    /** Reads an artifact's zip archive. */
    public InputStream open(Artifact artifact) throws IOException {
        return Files.newInputStream(zip(artifact.id()));
    }

    /** A fresh file to write an archive to before {@link #add}, on the store's file system. */
    public Path newStagingFile() throws IOException {
        Path dir = root.resolve("staging");
        Files.createDirectories(dir);
        return dir.resolve(UUID.randomUUID() + ".zip");
    }

    /**
     * Stores an archive as the artifact {@code name}; the archive file is moved into the store.
     *
     * @param files     how many files the archive holds
     * @param expiresAt when its retention ends
     * @param overwrite replace an artifact of the same name (which then gets a new id), as
     *                  {@code upload-artifact}'s {@code overwrite: true} does
     * @throws ArtifactExistsException when the name is taken and {@code overwrite} is false
     */
    public Artifact add(String name, Path archive, int files, Instant expiresAt, boolean overwrite)
            throws IOException, ArtifactExistsException {
        long size = Files.size(archive);
        String digest = sha256(archive);
        List<Path> doomed = new ArrayList<>();
        try {
            Artifact added = StoreLock.with(root.resolve("lock"), () -> {
                Optional<Artifact> existing = readAll().stream().filter(a -> a.name().equals(name)).findFirst();
                if (existing.isPresent()) {
                    if (!overwrite && !existing.get().expired(Instant.now())) {
                        return null;
                    }
                    Path trash = root.resolve("trash-" + UUID.randomUUID());
                    Files.move(dir(existing.get().id()), trash, StandardCopyOption.ATOMIC_MOVE);
                    doomed.add(trash);
                }
                long id = nextId();
                Artifact artifact = new Artifact(id, name, size, digest, files, System.currentTimeMillis(),
                        expiresAt.toEpochMilli());
                Path building = root.resolve("building-" + id);
                Files.createDirectories(building);
                Files.move(archive, building.resolve("artifact.zip"), StandardCopyOption.ATOMIC_MOVE);
                Files.write(building.resolve("artifact.json"), JSON.writeValueAsBytes(artifact));
                Files.move(building, dir(id), StandardCopyOption.ATOMIC_MOVE);
                return artifact;
            });
            if (added == null) {
                throw new ArtifactExistsException(name);
            }
            return added;
        } finally {
            Files.deleteIfExists(archive);
            for (Path p : doomed) {
                Trees.delete(p);
            }
        }
    }

    /** Deletes an artifact; false when there was none with that id. */
    public boolean delete(long id) throws IOException {
        Path trash = root.resolve("trash-" + UUID.randomUUID());
        boolean moved = StoreLock.with(root.resolve("lock"), () -> {
            if (!Files.isDirectory(dir(id))) {
                return false;
            }
            Files.move(dir(id), trash, StandardCopyOption.ATOMIC_MOVE);
            return true;
        });
        Trees.delete(trash);
        return moved;
    }

    /** Deletes the artifacts whose retention has ended; returns how many. */
    public int purgeExpired(Instant now) throws IOException {
        int purged = 0;
        for (Artifact a : readAll()) {
            if (a.expired(now) && delete(a.id())) {
                purged++;
            }
        }
        return purged;
    }

    /** Under the lock: the next id, kept in a counter file so that ids are never reused in a run. */
    private long nextId() throws IOException {
        Path counter = root.resolve("last-id");
        long last = Files.exists(counter) ? Long.parseLong(Files.readString(counter).strip()) : 0;
        long next = last + 1;
        Path temp = root.resolve("last-id.tmp");
        Files.writeString(temp, Long.toString(next), StandardCharsets.UTF_8);
        Files.move(temp, counter, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return next;
    }

    private List<Artifact> readAll() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Artifact> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path dir : list.toList()) {
                Path json = dir.resolve("artifact.json");
                if (dir.getFileName().toString().chars().allMatch(Character::isDigit) && Files.isRegularFile(json)) {
                    out.add(JSON.readValue(json.toFile(), Artifact.class));
                }
            }
        }
        out.sort(Comparator.comparingLong(Artifact::id));
        return out;
    }

    private Path dir(long id) {
        return root.resolve(Long.toString(id));
    }

    private Path zip(long id) {
        return dir(id).resolve("artifact.zip");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
