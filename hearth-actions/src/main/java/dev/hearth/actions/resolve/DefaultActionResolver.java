package dev.hearth.actions.resolve;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionException.Kind;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.actions.ResolvedAction.Source;
import dev.hearth.workflow.plan.UsesRef;
import dev.hearth.workflow.reusable.MirrorLayout;
import dev.hearth.workflow.reusable.RemoteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code uses:} values as GitHub does, from the places {@link ActionSources} names.
 * <ul>
 * <li>{@code ./path}: the folder in the workspace (it must stay inside it).</li>
 * <li>{@code docker://image}: a Docker manifest without files.</li>
 * <li>{@code owner/repo[/path]@ref}: the mirror ({@code <mirror>/<owner>/<repo>/<ref>/[path]}) when it has
 * the repository at that ref; else the cache by commit SHA; else a git fetch of
 * {@code <baseUrl>/<owner>/<repo>}. The ref is a tag, a branch (tags first, as git resolves names) or a
 * full SHA; an abbreviated SHA is refused with GitHub's message. Branches and tags are asked of the
 * remote once per resolver, so a moved branch is seen by the next run; when the remote cannot be
 * reached the SHA remembered from the last fetch is used, and offline only that.</li>
 * </ul>
 * Safe for concurrent use: a repository and ref is fetched by one thread (and one process) at a time,
 * the others wait and take its result from the cache. Create one resolver per run, so that a branch
 * is asked for once per run and not once per process lifetime.
 */
public final class DefaultActionResolver implements ActionResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultActionResolver.class);

    private final ActionSources sources;
    private final ActionCache cache;
    /** {@code owner/repo@ref} (owner and repo lower case) to the commit SHA found in this resolver's life. */
    private final ConcurrentMap<String, String> resolved = new ConcurrentHashMap<>();

    public DefaultActionResolver(ActionSources sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.cache = new ActionCache(sources.cacheDir());
    }

    public ActionSources sources() {
        return sources;
    }

    @Override
    public ResolvedAction resolve(String uses, Path workspace) throws ActionException {
        UsesRef ref = parse(uses);
        return switch (ref.kind()) {
            case LOCAL -> local(uses, ref, workspace);
            case DOCKER -> image(uses, ref);
            case REMOTE -> remote(uses, ref, true).orElseThrow();
            case INVALID -> throw invalidFormat(uses);
        };
    }

    /**
     * What can be known of an action without the network and without waiting: a local action whose
     * folder exists, a {@code docker://} image, a remote action in the mirror or the cache. Empty when
     * only a fetch (or a checkout, for a local action) would tell. For plans.
     *
     * @throws ActionException when the {@code uses:} value is invalid or the manifest found is
     */
    public Optional<ResolvedAction> peek(String uses, Path workspace) throws ActionException {
        UsesRef ref = parse(uses);
        return switch (ref.kind()) {
            case LOCAL -> hasManifest(localFolder(uses, ref, workspace))
                    ? Optional.of(local(uses, ref, workspace)) : Optional.empty();
            case DOCKER -> Optional.of(image(uses, ref));
            case REMOTE -> remote(uses, ref, false);
            case INVALID -> throw invalidFormat(uses);
        };
    }

    private static UsesRef parse(String uses) throws ActionException {
        if (uses == null || uses.isBlank()) {
            throw new ActionException(Kind.INVALID, "A 'uses' value is required");
        }
        if (uses.contains("${{")) {
            // GitHub reads uses: before any expression is evaluated.
            throw new ActionException(Kind.INVALID, "'" + uses + "': expressions are not allowed in 'uses'");
        }
        return UsesRef.parse(uses);
    }

    private static ActionException invalidFormat(String uses) {
        return new ActionException(Kind.INVALID, "Expected format {org}/{repo}[/path]@ref. Actual '" + uses + "'");
    }

    /** A metadata file, or the lone {@code Dockerfile} GitHub also accepts. */
    private static boolean hasManifest(Path folder) {
        return ManifestReader.find(folder) != null || Files.isRegularFile(folder.resolve("Dockerfile"));
    }

    // ---- ./path --------------------------------------------------------------------------------------

    private static Path localFolder(String uses, UsesRef ref, Path workspace) throws ActionException {
        Objects.requireNonNull(workspace, "workspace");
        String rel = ref.path().replace('\\', '/').substring(2);
        Path root = workspace.toAbsolutePath().normalize();
        Path folder = root.resolve(rel).normalize();
        if (!folder.startsWith(root)) {
            throw new ActionException(Kind.INVALID, "'" + uses + "': a local action must be inside the workspace");
        }
        return folder;
    }

    private static ResolvedAction local(String uses, UsesRef ref, Path workspace) throws ActionException {
        Path folder = localFolder(uses, ref, workspace);
        if (!hasManifest(folder)) {
            throw new ActionException(Kind.BAD_MANIFEST, "Can't find 'action.yml', 'action.yaml' or 'Dockerfile' "
                    + "under '" + folder + "'. Did you forget to run actions/checkout before running your local action?");
        }
        String label = workspace.toAbsolutePath().normalize().relativize(folder).toString();
        return new ResolvedAction(uses, Source.LOCAL, null, folder, ManifestReader.read(folder, label));
    }

    // ---- docker://image ------------------------------------------------------------------------------

    private static ResolvedAction image(String uses, UsesRef ref) throws ActionException {
        if (ref.path().isBlank()) {
            throw new ActionException(Kind.INVALID, "'" + uses + "': the image name is missing");
        }
        ActionManifest manifest = new ActionManifest(uses, null, Map.of(), Map.of(),
                new ActionManifest.Docker(uses, null, List.of(), Map.of(), null, null), null);
        return new ResolvedAction(uses, Source.IMAGE, null, null, manifest);
    }

    // ---- owner/repo[/path]@ref -----------------------------------------------------------------------

    /**
     * A repository's files at a ref, on this host.
     *
     * @param folder the repository's root folder at that commit (in the mirror or the cache); read only
     * @param source {@link Source#MIRROR}, {@link Source#CACHE} or {@link Source#FETCHED}
     * @param sha    the commit, or null for a mirror folder whose ref is not a full SHA
     */
    public record Checkout(Path folder, Source source, String sha) {
    }

    /**
     * The files of {@code owner/repo} at {@code ref}, found or fetched as for an action: for other files
     * of remote repositories, such as called workflows.
     */
    public Checkout repository(String owner, String repo, String ref) throws ActionException {
        String uses = owner + "/" + repo + "@" + ref;
        if (MirrorLayout.repository(Path.of("/"), owner, repo, "ref") == null) {
            throw invalidFormat(uses);
        }
        return checkout(uses, owner, repo, ref, true).orElseThrow();
    }

    /**
     * Called workflows of other repositories ({@code owner/repo/path@ref}) for the workflow reader, found
     * or fetched as actions are: the mirror, the cache by commit, then git (unless offline). A path that
     * leads outside the repository's folder, or names no regular file, is not there.
     */
    public RemoteFiles remoteFiles() {
        return (owner, repo, ref, path) -> {
            Checkout checkout;
            try {
                checkout = repository(owner, repo, ref);
            } catch (ActionException e) {
                throw new IOException(e.getMessage(), e);
            }
            Path file = checkout.folder().resolve(path).normalize();
            if (!file.startsWith(checkout.folder()) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        };
    }

    private Optional<ResolvedAction> remote(String uses, UsesRef ref, boolean mayFetch) throws ActionException {
        String path = ref.path() == null ? "" : ref.path();
        // The names become folder names in the mirror and the cache: they must pass the mirror's rules.
        if (MirrorLayout.locate(Path.of("/"), ref.owner(), ref.repo(), "ref", path) == null) {
            throw invalidFormat(uses);
        }
        Optional<Checkout> found = checkout(uses, ref.owner(), ref.repo(), ref.ref(), mayFetch);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Checkout c = found.get();
        Path folder = path.isEmpty() ? c.folder() : c.folder().resolve(path);
        String label = ref.owner() + "/" + ref.repo() + "/" + ref.ref() + (path.isEmpty() ? "" : "/" + path);
        if (!hasManifest(folder)) {
            throw new ActionException(Kind.BAD_MANIFEST, "Can't find 'action.yml', 'action.yaml' or 'Dockerfile' "
                    + "for action '" + uses + "'.");
        }
        if (c.source() == Source.FETCHED) {
            LOG.debug("fetched {} at {}", uses, c.sha());
        }
        return Optional.of(new ResolvedAction(uses, c.source(), c.sha(), folder, ManifestReader.read(folder, label)));
    }

    /** The mirror, then the cache, then (when allowed and online) a fetch. */
    private Optional<Checkout> checkout(String uses, String owner, String repo, String at, boolean mayFetch)
            throws ActionException {
        String refProblem = RefRules.problem(at);
        if (refProblem != null) {
            throw new ActionException(Kind.INVALID, "Unable to resolve action `" + uses + "`, " + refProblem);
        }
        if (sources.mirror() != null) {
            Path inMirror = MirrorLayout.repository(sources.mirror(), owner, repo, at);
            if (inMirror != null && Files.isDirectory(inMirror)) {
                String sha = RefRules.isFullSha(at) ? at.toLowerCase(Locale.ROOT) : null;
                return Optional.of(new Checkout(inMirror, Source.MIRROR, sha));
            }
        }
        String key = owner.toLowerCase(Locale.ROOT) + "/" + repo.toLowerCase(Locale.ROOT) + "@" + at;
        String known = cachedSha(key, owner, repo, at, sources.offline() || !mayFetch);
        if (known != null) {
            return Optional.of(new Checkout(cache.checkout(owner, repo, known), Source.CACHE, known));
        }
        if (!mayFetch) {
            return Optional.empty();
        }
        if (sources.offline()) {
            throw new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses + "`: offline, and it is "
                    + (sources.mirror() == null ? "not in " : "in neither the actions mirror nor ") + "the cache ("
                    + cache.root() + ")");
        }
        Fetched f;
        try (ActionCache.Held lock = cache.lock(owner, repo, at)) {
            // Whoever held the lock before may have fetched this very ref: take its result.
            String now = resolved.get(key);
            if (now != null && cache.has(owner, repo, now)) {
                f = new Fetched(now, Source.CACHE);
            } else {
                f = fetch(uses, owner, repo, at);
                resolved.put(key, f.sha());
            }
        } catch (IOException e) {
            throw new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses + "`: the cache folder "
                    + cache.root() + " cannot be used: " + e.getMessage(), e);
        }
        return Optional.of(new Checkout(cache.checkout(owner, repo, f.sha()), f.source(), f.sha()));
    }

    /**
     * The SHA of a ref whose files are in the cache and need no question to the remote: a full SHA,
     * a ref this resolver resolved already, or (offline only) the SHA the ref had at its last fetch.
     */
    private String cachedSha(String key, String owner, String repo, String at, boolean offline) {
        if (RefRules.isFullSha(at)) {
            String sha = at.toLowerCase(Locale.ROOT);
            return cache.has(owner, repo, sha) ? sha : null;
        }
        String sha = resolved.get(key);
        if (sha == null && offline) {
            sha = cache.remembered(owner, repo, at);
        }
        return sha != null && cache.has(owner, repo, sha) ? sha : null;
    }

    private record Fetched(String sha, Source source) {
    }

    /** Asks the remote for the ref's commit and fetches it unless the cache has it. Holds the ref's lock. */
    private Fetched fetch(String uses, String owner, String repo, String at) throws ActionException, IOException {
        GitRemote remote = new GitRemote(sources.repositoryUrl(owner, repo), sources.token());
        if (RefRules.isFullSha(at)) {
            String sha = at.toLowerCase(Locale.ROOT);
            if (cache.has(owner, repo, sha)) {
                return new Fetched(sha, Source.CACHE);
            }
            return new Fetched(download(uses, remote, owner, repo, at, sha), Source.FETCHED);
        }
        Map<String, ObjectId> refs;
        try {
            refs = remote.refs();
        } catch (GitAPIException | RuntimeException e) {
            String remembered = cache.remembered(owner, repo, at);
            if (remembered != null && cache.has(owner, repo, remembered)) {
                LOG.warn("cannot reach {} ({}); using {} at {}, as cached at its last fetch", remote.url(),
                        e.getMessage(), uses, remembered);
                return new Fetched(remembered, Source.CACHE);
            }
            throw unreachable(uses, remote, e);
        }
        String name = refs.containsKey("refs/tags/" + at) ? "refs/tags/" + at
                : refs.containsKey("refs/heads/" + at) ? "refs/heads/" + at : null;
        if (name == null) {
            if (RefRules.mayBeShortSha(at)) {
                String full = commitByPrefix(uses, remote, owner, repo, at);
                if (full != null) {
                    throw new ActionException(Kind.INVALID, RefRules.shortShaMessage(uses, at, full));
                }
            }
            throw new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses + "`, unable to find version `"
                    + at + "`");
        }
        String listed = refs.get(name).name();
        String sha;
        Source source;
        if (cache.has(owner, repo, listed)) {
            sha = listed;
            source = Source.CACHE;
        } else {
            sha = download(uses, remote, owner, repo, at, name);
            source = Source.FETCHED;
        }
        cache.remember(owner, repo, at, sha);
        return new Fetched(sha, source);
    }

    /** Fetches {@code source} (ref name or SHA) and publishes its commit's files; returns the commit SHA. */
    private String download(String uses, GitRemote remote, String owner, String repo, String at, String source)
            throws ActionException, IOException {
        Path work = cache.newWork(owner, repo, at);
        try {
            Path gitDir = work.resolve("repo.git");
            ObjectId commit;
            try {
                commit = remote.fetch(gitDir, source);
            } catch (GitAPIException | RuntimeException e) {
                throw unreachable(uses, remote, e);
            }
            if (commit == null) {
                throw new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses
                        + "`, unable to find version `" + at + "`");
            }
            String sha = commit.name();
            if (!cache.has(owner, repo, sha)) {
                Path tree = work.resolve("tree");
                GitRemote.checkout(gitDir, commit, tree);
                cache.publish(tree, owner, repo, sha);
            }
            return sha;
        } finally {
            ActionCache.deleteTree(work);
        }
    }

    private String commitByPrefix(String uses, GitRemote remote, String owner, String repo, String at)
            throws ActionException, IOException {
        Path work = cache.newWork(owner, repo, at);
        try {
            return remote.findCommitByPrefix(work.resolve("repo.git"), at);
        } catch (GitAPIException | RuntimeException e) {
            throw unreachable(uses, remote, e);
        } finally {
            ActionCache.deleteTree(work);
        }
    }

    private static ActionException unreachable(String uses, GitRemote remote, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException
                    || m.contains("Authentication is required") || m.contains("not authorized")) {
                // GitHub answers "authentication required" for a repository that does not exist.
                return new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses
                        + "`, repository not found", e);
            }
        }
        return new ActionException(Kind.UNAVAILABLE, "Unable to resolve action `" + uses + "`: cannot fetch from "
                + remote.url() + ": " + e.getMessage(), e);
    }
}
