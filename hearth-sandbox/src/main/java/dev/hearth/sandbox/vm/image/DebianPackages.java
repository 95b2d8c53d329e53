package dev.hearth.sandbox.vm.image;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Debian packages an image is made of, through the host's apt: which version apt would fetch,
 * fetching it (kept in a download folder, so a recipe change that keeps the kernel does not fetch it
 * again) and unpacking it with {@code dpkg-deb -x}, which needs no root and runs no package scripts.
 */
final class DebianPackages {
    private static final Duration QUERY = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD = Duration.ofMinutes(5);

    private final Path downloads;

    DebianPackages(Path downloads) {
        this.downloads = downloads;
    }

    /** A package at the version apt would install. */
    record Package(String name, String version) {
        /** The file name apt-get download gives it (the epoch's ':' is written "%3a"). */
        String fileName() {
            return name + "_" + version.replace(":", "%3a") + "_amd64.deb";
        }
    }

    /**
     * The packages apt would install for {@code names}, each a package name or {@code meta>prefix}: the
     * package that metapackage {@code meta} depends on whose name starts with {@code prefix}. One
     * {@code apt-cache show} answers all (each apt-cache call here costs about a second, as it
     * rebuilds its cache); the answer is remembered in {@code memo} against the state of apt's package
     * lists and sources, so that finding a cached image costs no apt call until those change.
     */
    List<Package> resolve(List<String> names, Path memo) throws SandboxException {
        String stamp = listsStamp();
        String key = String.join(" ", names) + " @ " + stamp;
        try {
            if (Files.isRegularFile(memo)) {
                List<String> lines = Files.readAllLines(memo);
                if (!lines.isEmpty() && lines.getFirst().equals(key) && lines.size() == names.size() + 1) {
                    List<Package> remembered = new ArrayList<>();
                    for (String line : lines.subList(1, lines.size())) {
                        String[] parts = line.split(" ", 2);
                        remembered.add(new Package(parts[0], parts[1]));
                    }
                    return remembered;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable memo is asked again
        }
        List<String> asked = new ArrayList<>();
        for (String name : names) {
            asked.add(name.contains(">") ? name.substring(0, name.indexOf('>')) : name);
        }
        Map<String, Map<String, String>> records = show(asked);
        List<Package> resolved = new ArrayList<>();
        for (String name : names) {
            if (!name.contains(">")) {
                resolved.add(new Package(name, records.get(name).get("Version")));
                continue;
            }
            String meta = name.substring(0, name.indexOf('>'));
            String prefix = name.substring(name.indexOf('>') + 1);
            Matcher dependency = null;
            for (String clause : records.get(meta).getOrDefault("Depends", "").split(",")) {
                Matcher m = DEPENDENCY.matcher(clause.strip());
                if (m.matches() && m.group(1).startsWith(prefix)) {
                    dependency = m;
                    break;
                }
            }
            if (dependency == null) {
                throw new SandboxException(meta + " depends on no " + prefix + "* package");
            }
            resolved.add(dependency.group(2) != null
                    ? new Package(dependency.group(1), dependency.group(2))
                    : new Package(dependency.group(1), show(List.of(dependency.group(1))).get(dependency.group(1)).get("Version")));
        }
        try {
            Files.createDirectories(memo.getParent());
            StringBuilder text = new StringBuilder(key).append('\n');
            resolved.forEach(p -> text.append(p.name()).append(' ').append(p.version()).append('\n'));
            Path tmp = Files.createTempFile(memo.getParent(), "resolved-", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // not remembered: the next build asks apt again
        }
        return resolved;
    }

    private static final Pattern DEPENDENCY = Pattern.compile("([a-z0-9][a-z0-9+.-]*)(?:\\s*\\(=\\s*([^)\\s]+)\\))?.*");

    /** The candidate records of {@code names}, by package; fails naming those apt does not know. */
    private static Map<String, Map<String, String>> show(List<String> names) throws SandboxException {
        List<String> argv = new ArrayList<>(List.of("apt-cache", "show", "--no-all-versions"));
        argv.addAll(names);
        String output;
        try {
            output = Tools.run(argv, Path.of("/"), QUERY);
        } catch (SandboxException e) {
            throw new SandboxException(e.getMessage() + " (if apt does not know " + String.join(" or ", names)
                    + ", run `apt-get update` as root, with Debian's main archive in the sources)", e);
        }
        Map<String, Map<String, String>> records = new HashMap<>();
        Map<String, String> record = new HashMap<>();
        for (String line : (output + "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (record.containsKey("Package") && record.containsKey("Version")) {
                    records.putIfAbsent(record.get("Package"), record);
                }
                record = new HashMap<>();
            } else if (!line.startsWith(" ") && line.contains(": ")) {
                record.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
            }
        }
        for (String name : names) {
            if (!records.containsKey(name)) {
                throw new SandboxException("apt knows no installable version of " + name
                        + " (run `apt-get update` as root, with Debian's main archive in the sources)");
            }
        }
        return records;
    }

    /** Sizes and times of apt's package lists and sources: when they change, candidates may change. */
    private static String listsStamp() {
        StringBuilder stamp = new StringBuilder();
        for (String dir : List.of("/var/lib/apt/lists", "/etc/apt", "/etc/apt/sources.list.d", "/etc/apt/preferences.d")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.sorted().toList()) {
                    if (Files.isRegularFile(f)) {
                        stamp.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                                .append(Files.getLastModifiedTime(f).toMillis()).append(';');
                    }
                }
            } catch (IOException e) {
                stamp.append(dir).append(":absent;");
            }
        }
        return ImageRecipe.sha256(stamp.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** The package's .deb, fetched into the download folder unless already there. */
    Path download(Package pkg) throws SandboxException {
        Path target = downloads.resolve(pkg.fileName());
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            Files.createDirectories(downloads);
            Path scratch = Files.createTempDirectory(downloads, "fetch-");
            try {
                Tools.run(List.of("apt-get", "download", "-q", pkg.name() + "=" + pkg.version()), scratch, DOWNLOAD);
                Path fetched;
                try (Stream<Path> files = Files.list(scratch)) {
                    fetched = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                            .orElseThrow(() -> new SandboxException("apt-get download " + pkg.name() + " left no .deb file"));
                }
                Files.move(fetched, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Trees.delete(scratch);
            }
            return target;
        } catch (IOException e) {
            throw new SandboxException("cannot fetch " + pkg.name() + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks a .deb's files into {@code directory}. */
    static void extract(Path deb, Path directory) throws SandboxException {
        Tools.run(List.of("dpkg-deb", "-x", deb.toString(), directory.toString()), Path.of("/"), DOWNLOAD);
    }
}
