package dev.hearth.engine.context;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local git repository says about itself: the commit checked out, the branch, and the
 * {@code owner/name} of its {@code origin} remote.
 *
 * @param sha        HEAD's commit, or null (no repository, or no commit yet)
 * @param ref        the full ref HEAD points at ({@code refs/heads/main}), or null when detached
 * @param repository {@code owner/name} from the origin URL, or the folder's name under {@code local/}
 */
public record RepositoryInfo(String sha, String ref, String repository) {
    private static final Pattern OWNER_NAME = Pattern.compile("[:/]([^/:]+)/([^/]+?)(?:\\.git)?/?$");

    /** Reads a repository; an absent or broken one gives what can be known from the folder name. */
    public static RepositoryInfo read(Path root) {
        if (root == null) {
            return new RepositoryInfo(null, null, "local/workflow");
        }
        String fallback = "local/" + (root.getFileName() == null ? "workflow" : root.getFileName().toString());
        var plain = GitDirFiles.read(root);
        if (plain.isPresent()) {
            return new RepositoryInfo(plain.get().sha(), plain.get().ref(), ownerName(plain.get().originUrl(), fallback));
        }
        return readWithJGit(root);
    }

    /** The same answer through JGit, for what {@link GitDirFiles} leaves open. */
    static RepositoryInfo readWithJGit(Path root) {
        String fallback = "local/" + (root.getFileName() == null ? "workflow" : root.getFileName().toString());
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            return new RepositoryInfo(null, null, fallback);
        }
        // findGitDir also follows a worktree's .git file to its git dir
        try (Repository repo = builder.setMustExist(true).build()) {
            ObjectId head = repo.resolve(Constants.HEAD);
            Ref headRef = repo.exactRef(Constants.HEAD);
            String ref = headRef != null && headRef.isSymbolic() ? headRef.getTarget().getName() : null;
            String url = repo.getConfig().getString("remote", "origin", "url");
            return new RepositoryInfo(head == null ? null : head.name(), ref, ownerName(url, fallback));
        } catch (IOException | IllegalArgumentException e) {
            return new RepositoryInfo(null, null, fallback);
        }
    }

    private static String ownerName(String originUrl, String fallback) {
        if (originUrl != null) {
            Matcher m = OWNER_NAME.matcher(originUrl);
            if (m.find()) {
                return m.group(1) + "/" + m.group(2);
            }
        }
        return fallback;
    }
}
