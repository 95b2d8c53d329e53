package dev.hearth.actions.builtin.checkout;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A repository built on the host with JGit, the way {@code actions/checkout} builds one: an empty
 * repository whose {@code origin} is the repository's public URL, a fetch of exactly what is needed from
 * the source (shallow unless {@code fetch-depth: 0}), refs and HEAD set as the real action leaves them,
 * and the work tree checked out. The source may differ from {@code origin}: the event's repository is
 * read from Hearth's own clone on the host.
 */
final class HostClone implements AutoCloseable {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

    private final Git git;
    private final String source;
    private final CredentialsProvider credentials;
    private Map<String, Ref> advertised;

    private HostClone(Git git, String source, CredentialsProvider credentials) {
        this.git = git;
        this.source = source;
        this.credentials = credentials;
    }

    /**
     * Makes an empty repository in {@code dir}.
     *
     * @param source      where objects are fetched from: a path on the host or a URL
     * @param originUrl   what {@code remote.origin.url} says in the result
     * @param credentials for an authenticated source, or null
     */
    static HostClone init(Path dir, String source, String originUrl, CredentialsProvider credentials)
            throws CheckoutException {
        try {
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", originUrl);
            config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
            config.save();
            return new HostClone(git, source, credentials);
        } catch (GitAPIException | IOException e) {
            throw new CheckoutException("cannot create a repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    Repository repository() {
        return git.getRepository();
    }

    /**
     * Decides what to check out.
     *
     * @param ref    a branch, tag or ref name, or a commit SHA, or empty
     * @param commit the commit it is known to be at (the event's), or null
     */
    CheckoutTarget resolve(String ref, String commit) throws CheckoutException {
        if (ref == null || ref.isEmpty()) {
            if (commit != null) {
                return new CheckoutTarget(CheckoutTarget.Kind.COMMIT, null, commit, false);
            }
            Ref head = advertised().get(Constants.HEAD);
            if (head == null) {
                throw new CheckoutException("the repository at " + source + " has no default branch (no HEAD)");
            }
            String branch = head.isSymbolic() ? head.getTarget().getName() : branchAt(head.getObjectId());
            return targetFor(branch, null);
        }
        if (SHA.matcher(ref).matches()) {
            return new CheckoutTarget(CheckoutTarget.Kind.COMMIT, null, ref.toLowerCase(java.util.Locale.ROOT), false);
        }
        if (ref.startsWith("refs/")) {
            return targetFor(ref, commit);
        }
        for (String qualified : List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref)) {
            if (advertised().containsKey(qualified)) {
                return targetFor(qualified, commit);
            }
        }
        throw new CheckoutException("A branch or tag with the name '" + ref + "' could not be found");
    }

    private CheckoutTarget targetFor(String qualified, String commit) throws CheckoutException {
        Ref advertisedRef = advertised().get(qualified);
        String tip = advertisedRef == null ? null : commitOf(advertisedRef);
        if (commit == null && tip == null) {
            throw new CheckoutException("A branch or tag with the name '" + qualified + "' could not be found");
        }
        String target = commit != null ? commit : tip;
        return new CheckoutTarget(CheckoutTarget.kindOf(qualified), qualified, target, target.equals(tip));
    }

    /** The commit an advertised ref stands for (an annotated tag peeled to its commit when advertised so). */
    private static String commitOf(Ref ref) {
        ObjectId peeled = ref.getPeeledObjectId();
        return (peeled != null ? peeled : ref.getObjectId()).name();
    }

    private String branchAt(ObjectId id) throws CheckoutException {
        for (String preferred : List.of("main", "master")) {
            Ref r = advertised().get(Constants.R_HEADS + preferred);
            if (r != null && r.getObjectId().equals(id)) {
                return r.getName();
            }
        }
        for (Ref r : advertised().values()) {
            if (r.getName().startsWith(Constants.R_HEADS) && r.getObjectId().equals(id)) {
                return r.getName();
            }
        }
        throw new CheckoutException("cannot tell the default branch of " + source);
    }

    private Map<String, Ref> advertised() throws CheckoutException {
        if (advertised == null) {
            try {
                advertised = Git.lsRemoteRepository().setRemote(source).setCredentialsProvider(credentials)
                        .callAsMap();
            } catch (GitAPIException e) {
                throw new CheckoutException("cannot read the refs of " + source + ": " + e.getMessage(), e);
            }
        }
        return advertised;
    }

    /**
     * Fetches what the target needs.
     *
     * @param depth     commits of history, 0 for all history of every branch and tag
     * @param fetchTags with a depth, fetch the tags too
     */
    void fetch(CheckoutTarget target, int depth, boolean fetchTags) throws CheckoutException {
        try {
            if (depth <= 0) {
                fetch(List.of(new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
                        new RefSpec("+refs/tags/*:refs/tags/*")), 0, TagOpt.FETCH_TAGS);
                if (!has(target.commit())) {
                    fetch(List.of(targetSpec(target)), 0, TagOpt.NO_TAGS);
                }
            } else {
                List<RefSpec> specs = new ArrayList<>();
                specs.add(targetSpec(target));
                if (fetchTags) {
                    specs.add(new RefSpec("+refs/tags/*:refs/tags/*"));
                }
                fetch(specs, depth, fetchTags ? TagOpt.FETCH_TAGS : TagOpt.NO_TAGS);
            }
            if (!has(target.commit())) {
                throw new CheckoutException("the commit " + target.commit() + " is not in " + source);
            }
        } catch (GitAPIException | IOException e) {
            throw new CheckoutException("cannot fetch " + target.describe() + " from " + source + ": "
                    + e.getMessage(), e);
        }
    }

    /** By name when the source has the ref at the target commit (a tag brings its tag object), else by id. */
    private static RefSpec targetSpec(CheckoutTarget target) {
        if (target.ref() != null && target.tipIsCommit()) {
            return new RefSpec("+" + target.ref() + ":" + target.localRef());
        }
        return new RefSpec(target.commit());
    }

    private void fetch(List<RefSpec> specs, int depth, TagOpt tags) throws GitAPIException {
        var fetch = git.fetch().setRemote(source).setRefSpecs(specs).setTagOpt(tags).setCredentialsProvider(credentials)
                .setRemoveDeletedRefs(false);
        if (depth > 0) {
            fetch.setDepth(depth);
        }
        fetch.call();
    }

    private boolean has(String commit) throws IOException {
        return repository().getObjectDatabase().has(ObjectId.fromString(commit));
    }

    /**
     * Sets the refs and HEAD as the real action leaves them and checks the work tree out: a branch
     * becomes a local branch tracking {@code origin}; anything else leaves HEAD detached.
     */
    void checkout(CheckoutTarget target) throws CheckoutException {
        Repository repo = repository();
        try {
            ObjectId commit = ObjectId.fromString(target.commit());
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit parsed = walk.parseCommit(commit);
                commit = parsed.getId();
            }
            String local = target.localRef();
            if (local != null && repo.exactRef(local) == null) {
                update(local, commit);
            }
            if (target.kind() == CheckoutTarget.Kind.BRANCH) {
                update(target.ref(), commit);
                RefUpdate head = repo.updateRef(Constants.HEAD);
                head.link(target.ref());
                StoredConfig config = repo.getConfig();
                config.setString("branch", target.branch(), "remote", "origin");
                config.setString("branch", target.branch(), "merge", target.ref());
                config.save();
            } else {
                RefUpdate head = repo.updateRef(Constants.HEAD, true);
                head.setNewObjectId(commit);
                head.forceUpdate();
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
        } catch (GitAPIException | IOException e) {
            throw new CheckoutException("cannot check out " + target.describe() + ": " + e.getMessage(), e);
        }
    }

    private void update(String ref, ObjectId id) throws IOException {
        RefUpdate update = repository().updateRef(ref);
        update.setNewObjectId(id);
        RefUpdate.Result result = update.forceUpdate();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED) {
            throw new IOException("cannot set " + ref + ": " + result);
        }
    }

    /**
     * Checks the submodules out at the commits the work tree records, their URLs read from
     * {@code .gitmodules} (relative ones against {@code origin}).
     *
     * @return the paths checked out, nested ones as {@code outer/inner}
     */
    List<String> submodules(boolean recursive) throws CheckoutException {
        return submodules(git, "", recursive);
    }

    private List<String> submodules(Git repo, String prefix, boolean recursive) throws CheckoutException {
        List<String> done = new ArrayList<>();
        try {
            repo.submoduleInit().call();
            repo.submoduleUpdate().setFetch(true).setCredentialsProvider(credentials).call();
            if (!recursive) {
                try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo.getRepository())) {
                    while (walk.next()) {
                        done.add(prefix + walk.getPath());
                    }
                }
                return done;
            }
            try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo.getRepository())) {
                while (walk.next()) {
                    done.add(prefix + walk.getPath());
                    try (Repository sub = walk.getRepository()) {
                        if (sub != null) {
                            try (Git subGit = new Git(sub)) {
                                done.addAll(submodules(subGit, prefix + walk.getPath() + "/", true));
                            }
                        }
                    }
                }
            }
            return done;
        } catch (GitAPIException | IOException e) {
            throw new CheckoutException("cannot check out the submodules: " + e.getMessage(), e);
        }
    }

    /** The commit HEAD is at. */
    String head() throws CheckoutException {
        try {
            return repository().resolve(Constants.HEAD).name();
        } catch (IOException e) {
            throw new CheckoutException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close(); // a Git made by init() closes its repository too; closing that twice makes JGit warn
    }
}
