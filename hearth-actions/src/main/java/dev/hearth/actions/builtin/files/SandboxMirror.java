package dev.hearth.actions.builtin.files;

import dev.hearth.actions.builtin.BuiltinContext.ActionLog;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The search paths of a path input, copied out of a sandbox into a host folder at the same relative
 * places ({@code /a/b} goes to {@code <host>/a/b}), where the patterns are then matched.
 *
 * <p>Why copy out and match on the host rather than run a globbing command in the sandbox: the files
 * have to come out anyway (cache entries and artifacts live on the host), matching in Java gives the
 * {@code @actions/glob} semantics exactly and the same on every backend, and a sandbox image needs no
 * particular shell or {@code find}. The price is that files under a search path that no pattern selects
 * are copied too (a pattern like {@code **}{@code /*.log} copies its whole search path); the usual
 * cache and artifact paths name their directories, where nothing is wasted.
 */
public final class SandboxMirror {
    private static final int MAX_LINK_DEPTH = 40;

    private final Path hostDir;
    private final List<String> roots;

    private SandboxMirror(Path hostDir, List<String> roots) {
        this.hostDir = hostDir;
        this.roots = List.copyOf(roots);
    }

    /**
     * Copies every search path that exists in the sandbox to the host folder. A path the sandbox refuses
     * to read (outside what its file operations reach) is reported as a warning and left out.
     */
    public static SandboxMirror copy(Sandbox sandbox, List<String> searchPaths, Path hostDir, ActionLog log)
            throws IOException {
        Files.createDirectories(hostDir);
        List<String> copied = new ArrayList<>();
        for (String path : searchPaths) {
            try {
                if (!sandbox.exists(path)) {
                    continue;
                }
                sandbox.copyOut(path, hostPath(hostDir, path));
                copied.add(path);
            } catch (SandboxException e) {
                log.warning("Cannot read " + path + " from the sandbox: " + e.getMessage());
            }
        }
        return new SandboxMirror(hostDir, copied);
    }

    /** The search paths that existed and were copied. */
    public List<String> roots() {
        return roots;
    }

    /** Where a sandbox path's copy is on the host. */
    public Path hostPath(String sandboxPath) {
        return hostPath(hostDir, sandboxPath);
    }

    private static Path hostPath(Path hostDir, String sandboxPath) {
        return sandboxPath.equals("/") ? hostDir : hostDir.resolve(sandboxPath.substring(1));
    }

    /**
     * Deletes from the copy what the patterns do not select, keeping symbolic links as links (what a
     * tar archive of the paths holds), and tells what is left.
     *
     * @return the roots that still hold something, and the bytes of the regular files left
     */
    public Pruned prune(PathPatterns patterns) throws IOException {
        List<String> kept = new ArrayList<>();
        long[] bytes = {0};
        for (String root : roots) {
            Path hostRoot = hostPath(root);
            Files.walkFileTree(hostRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (patterns.selects(sandboxPath(root, hostRoot, file), false)) {
                        if (attrs.isRegularFile()) {
                            bytes[0] += attrs.size();
                        }
                    } else {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    if (!patterns.selects(sandboxPath(root, hostRoot, dir), true) && isEmpty(dir)) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            if (Files.exists(hostRoot, LinkOption.NOFOLLOW_LINKS)) {
                kept.add(root);
            }
        }
        return new Pruned(kept, bytes[0]);
    }

    /**
     * What is left of a copy after {@link #prune}.
     *
     * @param roots the search paths that still hold something
     * @param bytes the size of the regular files left
     */
    public record Pruned(List<String> roots, long bytes) {
    }

    /**
     * One selected file, for an artifact.
     *
     * @param sandboxPath the path it was found at (through symbolic links, as the search saw it)
     * @param content     the host copy of its content (a symbolic link's target's copy)
     */
    public record FoundFile(String sandboxPath, Path content) {
    }

    /**
     * The regular files the patterns select, following symbolic links whose targets were copied, sorted
     * by path: what {@code upload-artifact} uploads. Directories themselves are not listed.
     *
     * @param includeHidden when false, a file or directory whose name starts with a dot is skipped, the
     *                      search path itself included, as {@code upload-artifact} does by default
     */
    public List<FoundFile> files(PathPatterns patterns, boolean includeHidden, ActionLog log) throws IOException {
        List<FoundFile> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String root : roots) {
            walk(root, patterns, includeHidden, log, new HashSet<>(), out, seen);
        }
        out.sort(Comparator.comparing(FoundFile::sandboxPath));
        return out;
    }

    private void walk(String path, PathPatterns patterns, boolean includeHidden, ActionLog log,
                      Set<String> openDirs, List<FoundFile> out, Set<String> seen) throws IOException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!includeHidden && name.startsWith(".")) {
            return;
        }
        String resolved = resolveLinks(path);
        if (resolved == null) {
            log.warning("Skipping " + path + ": it is a symbolic link whose target is not among the copied paths");
            return;
        }
        Path host = hostPath(resolved);
        if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
            if (!openDirs.add(resolved)) {
                return; // a link cycle
            }
            List<String> children;
            try (Stream<Path> list = Files.list(host)) {
                children = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            for (String child : children) {
                walk(path.equals("/") ? "/" + child : path + "/" + child, patterns, includeHidden, log, openDirs, out, seen);
            }
            openDirs.remove(resolved);
        } else if (Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS) && patterns.selects(path, false)
                && seen.add(path)) {
            out.add(new FoundFile(path, host));
        }
    }

    /** The sandbox path a path leads to once symbolic links are followed, or null when that is not in the copy. */
    private String resolveLinks(String path) throws IOException {
        String current = path;
        for (int i = 0; i < MAX_LINK_DEPTH; i++) {
            String here = current;
            if (roots.stream().noneMatch(r -> SandboxPaths.isWithin(here, r))) {
                return null;
            }
            Path host = hostPath(current);
            if (!Files.isSymbolicLink(host)) {
                return Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? current : null;
            }
            String target = Files.readSymbolicLink(host).toString();
            current = target.startsWith("/") ? SandboxPaths.normalize(target)
                    : SandboxPaths.normalize(SandboxPaths.parent(current) + "/" + target);
        }
        return null;
    }

    private static String sandboxPath(String root, Path hostRoot, Path host) {
        Path rel = hostRoot.relativize(host);
        return rel.toString().isEmpty() ? root : SandboxPaths.join(root, rel.toString());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
