package dev.hearth.server.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The bare repositories Hearth fetches events' commits into, one per GitHub repository under
 * {@code root/<owner>/<name>.git}. A fetch asks for the commits it needs, not every branch; each fetched
 * commit is kept under {@code refs/hearth/sha/<sha>}, so it survives garbage collection and a second
 * delivery of the same commit fetches nothing. Deliveries of one repository are fetched one at a time
 * (a lock per repository); different repositories in parallel.
 *
 * <p>The token goes to the server through a credentials provider for each fetch: it is never part of the
 * URL, the repository's config or {@code FETCH_HEAD}. Clone URLs must be http(s) without user info;
 * {@code file://} URLs and local paths only when {@code allowLocalRepos} (tests, {@code HEARTH_ALLOW_LOCAL_REPOS}).
 */
public final class RepositoryCache {

    /** The ref namespace where fetched commits are kept. */
    public static final String KEEP_PREFIX = "refs/hearth/sha/";
    private static final String REF_PREFIX = "refs/hearth/ref/";
    private static final int FETCH_TIMEOUT_SECONDS = 300;

    private final Path root;
    private final boolean allowLocalRepos;
    private final TokenSource tokens;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RepositoryCache(Path root, boolean allowLocalRepos, TokenSource tokens) {
        this.root = root.toAbsolutePath().normalize();
        this.allowLocalRepos = allowLocalRepos;
        this.tokens = tokens == null ? TokenSource.NONE : tokens;
    }

    /** Where the bare repository of {@code owner/name} lives (names are case-insensitive on GitHub). */
    public Path gitDir(String repository) {
        String[] parts = repository.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length != 2 || !safeName(parts[0]) || !safeName(parts[1])) {
            throw new IllegalArgumentException("'" + repository + "' is not owner/name");
        }
        return root.resolve(parts[0]).resolve(parts[1] + ".git");
    }

    private static boolean safeName(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.matches("[a-z0-9_.-]+");
    }

    /**
     * Fetches the wanted commits of {@code repository} from {@code cloneUrl} into its bare repository.
     *
     * @throws IOException when the URL is refused, the fetch fails or a required commit cannot be had
     */
    public FetchedCommits fetch(String repository, String cloneUrl, List<Want> wants) throws IOException {
        checkUrl(cloneUrl, allowLocalRepos);
        Path gitDir = gitDir(repository);
        ReentrantLock lock = locks.computeIfAbsent(repository.toLowerCase(Locale.ROOT), k -> new ReentrantLock());
        lock.lock();
        try (Repository repo = openOrCreate(gitDir)) {
            CredentialsProvider credentials = credentials(repository);
            Map<Want, ObjectId> found = new LinkedHashMap<>();
            for (Want want : wants) {
                ObjectId id = fetchOne(repo, cloneUrl, credentials, want);
                if (id != null) {
                    found.put(want, id);
                } else if (want.required()) {
                    throw new IOException("cannot fetch " + describe(want) + " of " + repository);
                }
            }
            return new FetchedCommits(gitDir, found);
        } finally {
            lock.unlock();
        }
    }

    /** Opens a cached repository for reading; the caller closes it. */
    public static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    private static String describe(Want want) {
        if (want.sha() == null) {
            return want.ref();
        }
        return "commit " + want.sha() + (want.ref() == null ? "" : " (nor " + want.ref() + ")");
    }

    private ObjectId fetchOne(Repository repo, String url, CredentialsProvider credentials, Want want)
            throws IOException {
        if (want.sha() != null) {
            ObjectId id = ObjectId.fromString(want.sha());
            if (repo.exactRef(KEEP_PREFIX + want.sha()) != null) {
                return commitOf(repo, id); // fetched before, with everything it needs
            }
            // Servers that allow reachable SHAs in wants (GitHub does) send just this commit's history.
            if (tryFetch(repo, url, credentials, new RefSpec("+" + want.sha() + ":" + KEEP_PREFIX + want.sha()))
                    && commitOf(repo, id) != null) {
                keep(repo, id); // JGit does not update the destination of a SHA refspec itself
                return commitOf(repo, id);
            }
            if (want.ref() != null && tryFetch(repo, url, credentials, refSpec(want.ref())) && commitOf(repo, id) != null) {
                keep(repo, id);
                return commitOf(repo, id);
            }
            return null;
        }
        if (!tryFetch(repo, url, credentials, refSpec(want.ref()))) {
            return null;
        }
        Ref fetched = repo.exactRef(REF_PREFIX + want.ref().substring("refs/".length()));
        if (fetched == null) {
            return null;
        }
        ObjectId id = commitOf(repo, fetched.getObjectId());
        if (id == null) {
            return null;
        }
        keep(repo, id);
        return id;
    }

    private static RefSpec refSpec(String ref) {
        if (!ref.startsWith("refs/") || ref.contains("*") || ref.contains("..") || ref.contains(":")) {
            throw new IllegalArgumentException("'" + ref + "' is not a full ref");
        }
        return new RefSpec("+" + ref + ":" + REF_PREFIX + ref.substring("refs/".length()));
    }

    private static boolean tryFetch(Repository repo, String url, CredentialsProvider credentials, RefSpec spec) {
        try {
            // setRemote with the URL itself: nothing about the remote is written to the config.
            Git.wrap(repo).fetch()
                    .setRemote(url)
                    .setRefSpecs(spec)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setCredentialsProvider(credentials)
                    .setTimeout(FETCH_TIMEOUT_SECONDS)
                    .call();
            return true;
        } catch (GitAPIException | RuntimeException e) {
            // The server refused the want or lacks the ref; the caller tries the next way or reports.
            return false;
        }
    }

    /** The commit {@code id} is or, for an annotated tag (a tag push's {@code after}), points to; null when absent. */
    private static ObjectId commitOf(Repository repo, ObjectId id) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id).getId();
        } catch (IOException e) {
            return null;
        }
    }

    private static void keep(Repository repo, ObjectId id) throws IOException {
        var update = repo.updateRef(KEEP_PREFIX + id.name());
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        switch (update.update()) {
            case NEW, FORCED, NO_CHANGE, FAST_FORWARD -> { }
            default -> throw new IOException("cannot record fetched commit " + id.name());
        }
    }

    private CredentialsProvider credentials(String repository) throws IOException {
        Optional<String> token = tokens.tokenFor(repository);
        // GitHub takes any user name with a token as password; x-access-token is what its docs use for App tokens.
        return token.<CredentialsProvider>map(t -> new UsernamePasswordCredentialsProvider("x-access-token", t))
                .orElse(null);
    }

    private static Repository openOrCreate(Path gitDir) throws IOException {
        if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
            Files.createDirectories(gitDir.getParent());
            try {
                Git.init().setBare(true).setGitDir(gitDir.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create the cache repository " + gitDir + ": " + e.getMessage(), e);
            }
        }
        return open(gitDir);
    }

    /**
     * Refuses clone URLs Hearth must not fetch: anything but http(s) without user info, unless local
     * repositories are allowed, when {@code file://} URLs and absolute paths pass too.
     *
     * @throws IOException saying why the URL is refused
     */
    static void checkUrl(String url, boolean allowLocalRepos) throws IOException {
        if (url == null || url.isBlank()) {
            throw new IOException("no clone URL");
        }
        boolean local = url.startsWith("file:") || url.startsWith("/") || !url.contains("://");
        if (local) {
            if (!allowLocalRepos) {
                throw new IOException("clone URL '" + url + "' is a local repository; set HEARTH_ALLOW_LOCAL_REPOS=true to allow it");
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IOException("clone URL '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException("clone URL scheme '" + scheme + "' is not http(s)");
        }
        if (uri.getRawUserInfo() != null) {
            // Never log such a URL: it may hold a token.
            throw new IOException("clone URL has user info; tokens go through GITHUB_TOKEN or the App, not the URL");
        }
        if (uri.getHost() == null) {
            throw new IOException("clone URL '" + url + "' has no host");
        }
    }
}
