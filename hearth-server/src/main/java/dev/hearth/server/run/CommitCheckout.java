package dev.hearth.server.run;

import dev.hearth.server.source.RepositoryCache;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A working copy of one cached commit for a run: a fresh repository in the run's folder that fetches
 * just that commit from the bare cache (where {@link RepositoryCache} keeps it under
 * {@link RepositoryCache#KEEP_PREFIX}) and checks it out detached, as {@code actions/checkout} leaves it.
 */
final class CommitCheckout {

    private CommitCheckout() {
    }

    static void checkout(Path cacheGitDir, String sha, Path into) throws IOException {
        try (Git git = Git.init().setDirectory(into.toFile()).setInitialBranch("main").call()) {
            git.fetch().setRemote(cacheGitDir.toUri().toString())
                    .setRefSpecs(new RefSpec("+" + RepositoryCache.KEEP_PREFIX + sha + ":refs/hearth/run"))
                    .call();
            git.checkout().setName(sha).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot check out " + sha + " from " + cacheGitDir + ": " + e.getMessage(), e);
        }
    }
}
