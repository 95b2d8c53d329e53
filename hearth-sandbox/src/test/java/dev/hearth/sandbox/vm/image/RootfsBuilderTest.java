package dev.hearth.sandbox.vm.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.process.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root filesystem image: where its mirror comes from, what its cache key is made of, a real
 * debootstrap build (as root) found again in the cache, and the clearing of a build that died with
 * mounts inside its tree.
 */
class RootfsBuilderTest {
    @TempDir
    Path temp;

    @Test
    void findsTheMirrorInApts822SourcesAndOneLineLists() throws IOException {
        Path apt = temp.resolve("apt");
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/a-disabled.sources"), """
                Types: deb
                URIs: http://disabled.example/debian
                Suites: bookworm
                Components: main
                Enabled: no
                """);
        Files.writeString(apt.resolve("sources.list.d/b-nodesource.sources"), """
                Types: deb
                URIs: https://deb.nodesource.com/node_20.x
                Suites: nodistro
                Components: main
                """);
        Files.writeString(apt.resolve("sources.list.d/c-debian.sources"), """
                Types: deb
                # a comment between fields
                URIs: http://mirror.example/debian http://second.example/debian
                Suites: bookworm bookworm-updates
                Components: main contrib
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main
                """);
        assertThat(new AptSources(apt).mirrorFor("bookworm")).contains("http://mirror.example/debian");
        assertThat(new AptSources(apt).mirrorFor("trixie")).isEmpty();

        // sources.list comes first, in the one-line format, with options in brackets
        Files.writeString(apt.resolve("sources.list"), """
                # deb http://commented.example/debian bookworm main
                deb-src http://source.example/debian bookworm main
                deb http://other.example/debian bookworm contrib
                deb [arch=amd64 signed-by=/k.gpg] http://list.example/debian bookworm main non-free
                """);
        assertThat(new AptSources(apt).mirrorFor("bookworm")).contains("http://list.example/debian");
    }

    @Test
    void theCacheKeyLeavesTheMirrorOutAndFollowsThePackages() throws IOException {
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");
        Files.createDirectories(one);
        Files.createDirectories(two);
        Files.writeString(one.resolve("sources.list"), "deb http://a.example/debian bookworm main\n");
        Files.writeString(two.resolve("sources.list"), "deb http://b.example/debian bookworm main\n");
        RootfsRecipe recipe = new RootfsRecipe("bookworm", "minbase", List.of("git", "bash"));
        Path cache = temp.resolve("cache");
        assertThat(new RootfsBuilder(cache, recipe, one).directory()).isEqualTo(new RootfsBuilder(cache, recipe, two).directory());
        assertThat(new RootfsRecipe("bookworm", "minbase", List.of("bash", "git")).hash())
                .as("package order does not matter").isEqualTo(recipe.hash());
        assertThat(new RootfsRecipe("bookworm", "minbase", List.of("bash", "git", "curl")).hash()).isNotEqualTo(recipe.hash());
        assertThat(new RootfsRecipe("trixie", "minbase", List.of("bash", "git")).hash()).isNotEqualTo(recipe.hash());
        assertThat(new RootfsBuilder(cache, recipe, one).cached()).as("nothing built yet").isEmpty();
    }

    @Test
    void mountinfoEscapesAreRead() {
        assertThat(Mounts.unescape("/tmp/a\\040b\\011c\\134d")).isEqualTo("/tmp/a b\tc\\d");
        assertThat(Mounts.unescape("/plain/path")).isEqualTo("/plain/path");
    }

    @Test
    void buildsTheRootFilesystemOnceThenFindsItInTheCache() throws Exception {
        RootfsBuilder builder = RootfsBuilder.inUserCache();
        Optional<String> missing = RootfsBuilder.unavailableReason();
        Assumptions.assumeTrue(builder.cached().isPresent() || missing.isEmpty(),
                () -> "cannot build the root filesystem here: " + missing.orElse(""));
        // The user's cache: a fresh debootstrap takes a minute or more, so it is made once and shared
        // with the VM tests; the first run here builds it, later runs find it.
        RootfsBuilder.Result first = builder.build(System.err::println);
        RootfsBuilder.Result second = builder.build(System.err::println);
        System.out.printf("rootfs build: %d ms (%s), then from the cache: %d ms%n", first.took().toMillis(),
                first.cached() ? "already cached" : "built", second.took().toMillis());
        assertThat(second.cached()).isTrue();
        assertThat(second.image()).isEqualTo(first.image());
        Path image = first.image().file();
        assertThat(image.getParent()).isEqualTo(builder.directory());
        try (var listing = Files.list(image.getParent().getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no half-built folder is left").noneMatch(name -> name.startsWith("building-rootfs-"));
        }
        assertThat(Files.readString(image.getParent().resolve("recipe.txt"))).contains("suite=bookworm", "variant=minbase",
                "packages=bash,ca-certificates,curl,git,nodejs,python3", "hash=" + first.image().recipeHash());

        // Read the ext4 image without mounting it, with e2fsprogs' own tools.
        Assumptions.assumeTrue(Executables.find("debugfs").isPresent(), "no debugfs (e2fsprogs) to look inside the image");
        assertThat(Tools.run(List.of("e2label", image.toString()), temp, Duration.ofSeconds(30)).strip())
                .isEqualTo(RootfsBuilder.LABEL);
        Set<String> bin = names(Tools.run(List.of("debugfs", "-R", "ls -p /usr/bin", image.toString()), temp, Duration.ofSeconds(30)));
        assertThat(bin).contains("bash", "git", "curl", "node", "python3", "dpkg");
        String etc = Tools.run(List.of("debugfs", "-R", "cat /etc/hostname", image.toString()), temp, Duration.ofSeconds(30));
        assertThat(etc).as("the build host's name is not in the guest").isEqualTo("hearth\n");
        Set<String> archives = names(Tools.run(List.of("debugfs", "-R", "ls -p /var/cache/apt/archives", image.toString()),
                temp, Duration.ofSeconds(30)));
        assertThat(archives).as("the downloaded packages are not kept").noneMatch(n -> n.endsWith(".deb"));
    }

    @Test
    void aBuildThatDiedIsClearedMountsFirst() throws Exception {
        Assumptions.assumeTrue(RootfsBuilder.unavailableReason().isEmpty(),
                () -> "needs what a root filesystem build needs: " + RootfsBuilder.unavailableReason().orElse(""));
        Path cache = temp.resolve("cache");
        // A build by a process that is gone (pid 2^22 + 1 is above Linux's largest pid), which left
        // a file system mounted in its tree as a killed debootstrap leaves /proc.
        Path dead = cache.resolve("building-rootfs-4194305-123/tree");
        Files.createDirectories(dead.resolve("proc"));
        Files.writeString(dead.resolve("etc-file"), "x");
        Tools.run(List.of("mount", "-t", "tmpfs", "tmpfs", dead.resolve("proc").toString()), temp, Duration.ofSeconds(10));
        Files.writeString(dead.resolve("proc/inside-the-mount"), "y");
        // A build by this very process is in progress: it stays.
        Path alive = cache.resolve("building-rootfs-" + ProcessHandle.current().pid() + "-456");
        Files.createDirectories(alive);
        try {
            assertThat(Mounts.under(cache)).containsExactly(dead.resolve("proc"));
            new RootfsBuilder(cache).clearAbandoned(line -> { });
            assertThat(Mounts.under(cache)).isEmpty();
            assertThat(dead.getParent()).doesNotExist();
            assertThat(alive).isDirectory();
        } finally {
            for (Path point : Mounts.under(cache)) {
                Tools.run(List.of("umount", "-l", point.toString()), temp, Duration.ofSeconds(10));
            }
        }
    }

    /** The names in {@code debugfs ls -p} output: lines of {@code /inode/mode/uid/gid/name/size/}. */
    private static Set<String> names(String listing) {
        return Arrays.stream(listing.split("\n")).map(line -> line.split("/", -1))
                .filter(fields -> fields.length > 5).map(fields -> fields[5]).collect(Collectors.toSet());
    }
}
