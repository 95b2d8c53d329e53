package dev.hearth.actions.resolve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote repository, through JGit: list its branches and tags, fetch one of them (or a commit) into
 * a fresh bare repository, and write a commit's files to a folder. Each fetch gets its own repository,
 * thrown away afterwards, so nothing half-fetched is ever reused.
 */
final class GitRemote {
    private static final Logger LOG = LoggerFactory.getLogger(GitRemote.class);
    private static final String WANT = "refs/hearth/want";
    private static final int TIMEOUT_SECONDS = 60;

    private final String url;
    private final CredentialsProvider credentials;

    GitRemote(String url, String token) {
        this.url = url;
        this.credentials = token == null || token.isEmpty() ? null
                : new UsernamePasswordCredentialsProvider("x-access-token", token);
    }

    String url() {
        return url;
    }

    /** Branches and tags by full name ({@code refs/tags/v1}), each with the commit it points at when known. */
    Map<String, ObjectId> refs() throws GitAPIException {
        Map<String, ObjectId> out = new HashMap<>();
        for (Ref r : Git.lsRemoteRepository().setRemote(url).setHeads(true).setTags(true)
                .setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS).call()) {
            // An annotated tag is listed with the commit it points at when the server says ("peeled").
            out.put(r.getName(), r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId());
        }
        return out;
    }

    /**
     * Fetches {@code source} (a ref name, or a full SHA) into a new bare repository at {@code gitDir},
     * only its last commit when the server allows it, and returns that commit; null when the remote
     * does not have it.
     */
    ObjectId fetch(Path gitDir, String source) throws GitAPIException, IOException {
        ObjectId commit = null;
        try {
            commit = fetch(gitDir, source, 1);
        } catch (GitAPIException e) {
            LOG.debug("shallow fetch of {} from {} failed: {}", source, url, e.getMessage());
        }
        if (commit != null) {
            return commit;
        }
        // A server without shallow fetches, or without fetches by SHA, can still give the whole history.
        ActionCache.deleteTree(gitDir);
        return RefRules.isFullSha(source) ? fetchCommitFromAll(gitDir, source) : fetch(gitDir, source, 0);
    }

    private ObjectId fetch(Path gitDir, String source, int depth) throws GitAPIException, IOException {
        try (Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).call()) {
            FetchCommand fetch = git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + source + ":" + WANT))
                    .setTagOpt(TagOpt.NO_TAGS).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS);
            if (depth > 0) {
                fetch.setDepth(depth);
            }
            fetch.call();
            Repository repo = git.getRepository();
            Ref want = repo.exactRef(WANT);
            // A fetch by SHA brings the commit without always writing the destination ref.
            ObjectId id = want != null ? want.getObjectId()
                    : RefRules.isFullSha(source) ? ObjectId.fromString(source.toLowerCase(Locale.ROOT)) : null;
            return id != null && repo.getObjectDatabase().has(id) ? peel(repo, id) : null;
        }
    }

    /** Fetches every branch and tag, then finds the commit {@code sha}; null when it is not there. */
    private ObjectId fetchCommitFromAll(Path gitDir, String sha) throws GitAPIException, IOException {
        try (Git git = fetchAll(gitDir)) {
            ObjectId id = ObjectId.fromString(sha.toLowerCase(Locale.ROOT));
            if (!git.getRepository().getObjectDatabase().has(id)) {
                return null;
            }
            return peel(git.getRepository(), id);
        }
    }

    /**
     * Fetches every branch and tag with their whole history into a new bare repository at
     * {@code gitDir} and finds a commit whose SHA starts with {@code prefix}; null when none does.
     */
    String findCommitByPrefix(Path gitDir, String prefix) throws GitAPIException, IOException {
        String p = prefix.toLowerCase(Locale.ROOT);
        try (Git git = fetchAll(gitDir); RevWalk walk = new RevWalk(git.getRepository())) {
            for (Ref r : git.getRepository().getRefDatabase().getRefs()) {
                try {
                    walk.markStart(walk.parseCommit(r.getObjectId()));
                } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                    // a tag of a tree or blob: no commits behind it
                }
            }
            for (RevCommit c : walk) {
                if (c.name().startsWith(p)) {
                    return c.name();
                }
            }
            return null;
        }
    }

    private Git fetchAll(Path gitDir) throws GitAPIException {
        Git git = Git.init().setBare(true).setDirectory(gitDir.toFile()).call();
        try {
            git.fetch().setRemote(url).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
                            new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setTagOpt(TagOpt.NO_TAGS).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS).call();
            return git;
        } catch (GitAPIException | RuntimeException e) {
            git.close();
            throw e;
        }
    }

    private static ObjectId peel(Repository repo, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id).getId();
        }
    }

    /**
     * Writes the files of {@code commit} into {@code target} (created): regular and executable files,
     * and symbolic links that stay inside the folder. Submodules become empty folders, as they are not
     * fetched; links that would point outside are left out, as the engine copies this folder into
     * sandboxes and must not carry host files along.
     */
    static void checkout(Path gitDir, ObjectId commit, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(gitDir.toFile())
                .setMustExist(true).build();
             RevWalk walk = new RevWalk(repo);
             TreeWalk tree = new TreeWalk(repo);
             ObjectReader reader = repo.newObjectReader()) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                Path file = safePath(root, path);
                if (file == null) {
                    LOG.warn("{}: skipped '{}': not a plain relative path", commit.name(), path);
                    continue;
                }
                Files.createDirectories(file.getParent());
                FileMode mode = tree.getFileMode(0);
                ObjectId blob = tree.getObjectId(0);
                if (mode == FileMode.GITLINK) {
                    Files.createDirectories(file);
                } else if (mode == FileMode.SYMLINK) {
                    String link = new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
                    Path points = file.getParent().resolve(link).normalize();
                    if (Path.of(link).isAbsolute() || !points.startsWith(root)) {
                        LOG.warn("{}: skipped the link '{}' -> '{}': it points outside the action", commit.name(),
                                path, link);
                        continue;
                    }
                    Files.createSymbolicLink(file, Path.of(link));
                } else {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    /** {@code root/path} when every segment of {@code path} is a plain name (no {@code ..}, no {@code .git}). */
    private static Path safePath(Path root, String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.equalsIgnoreCase(".git")) {
                return null;
            }
        }
        Path p = root.resolve(path).normalize();
        return p.startsWith(root) && !p.equals(root) ? p : null;
    }
}
