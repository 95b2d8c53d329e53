package dev.hearth.sandbox.vm.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian archive the host's apt uses for a suite, read from its sources: the one-line format
 * ({@code sources.list}, {@code sources.list.d/*.list}) and the deb822 format
 * ({@code sources.list.d/*.sources}). debootstrap is given that mirror because a host may reach
 * Debian's packages only through the mirror apt is configured with.
 */
final class AptSources {
    private final Path etcApt;

    /** Sources under {@code etcApt} (normally {@code /etc/apt}). */
    AptSources(Path etcApt) {
        this.etcApt = etcApt;
    }

    /** The first enabled {@code deb} source that serves {@code suite} with its {@code main} component. */
    Optional<String> mirrorFor(String suite) throws IOException {
        List<Path> files = new ArrayList<>();
        Path list = etcApt.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            files.add(list);
        }
        Path dir = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(".list") || f.getFileName().toString().endsWith(".sources"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Optional<String> found = file.getFileName().toString().endsWith(".sources")
                    ? fromDeb822(text, suite) : fromOneLine(text, suite);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** {@code deb [options] uri suite component...} lines. */
    static Optional<String> fromOneLine(String text, String suite) {
        for (String raw : text.split("\n")) {
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
            line = line.replaceAll("\\[[^]]*]", " ").strip();
            String[] words = line.split("\\s+");
            if (words.length >= 4 && words[0].equals("deb") && words[2].equals(suite)
                    && Arrays.asList(words).subList(3, words.length).contains("main")) {
                return Optional.of(words[1]);
            }
        }
        return Optional.empty();
    }

    /** Stanzas of {@code Field: value} lines, separated by blank lines. */
    static Optional<String> fromDeb822(String text, String suite) {
        for (String stanza : text.split("\n\\s*\n")) {
            String types = "";
            String uris = "";
            String suites = "";
            String components = "";
            String enabled = "yes";
            for (String raw : stanza.split("\n")) {
                if (raw.startsWith("#") || !raw.contains(":") || raw.startsWith(" ") || raw.startsWith("\t")) {
                    continue;
                }
                String field = raw.substring(0, raw.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT);
                String value = raw.substring(raw.indexOf(':') + 1).strip();
                switch (field) {
                    case "types" -> types = value;
                    case "uris" -> uris = value;
                    case "suites" -> suites = value;
                    case "components" -> components = value;
                    case "enabled" -> enabled = value;
                    default -> { }
                }
            }
            if (!enabled.equalsIgnoreCase("no") && words(types).contains("deb") && words(suites).contains(suite)
                    && words(components).contains("main") && !uris.isBlank()) {
                return Optional.of(words(uris).getFirst());
            }
        }
        return Optional.empty();
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }
}
