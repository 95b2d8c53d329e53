package dev.hearth.cli;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** Real git repositories for the command's tests: everything in a folder, committed on {@code main}. */
final class TestRepos {
    private TestRepos() {
    }

    /**
     * Makes {@code repo} a repository (if it is not one yet) and commits all its files.
     *
     * @param tag a lightweight tag on the commit, or null
     * @return the commit's id
     */
    static String commitAll(Path repo, String tag) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent me = new PersonIdent("Hearth Test", "test@hearth.dev");
            String sha = git.commit().setMessage("init").setAuthor(me).setCommitter(me).setSign(false).call().getName();
            if (tag != null) {
                git.tag().setName(tag).setAnnotated(false).call();
            }
            return sha;
        }
    }

    /**
     * Writes a workflow and a README into {@code repo} and commits them.
     *
     * @return the workflow file, {@code .github/workflows/<name>}
     */
    static Path withWorkflow(Path repo, String name, String workflow, String readme) throws Exception {
        Path file = java.nio.file.Files.createDirectories(repo.resolve(".github/workflows")).resolve(name);
        java.nio.file.Files.writeString(file, workflow);
        java.nio.file.Files.writeString(repo.resolve("README.md"), readme);
        commitAll(repo, null);
        return file;
    }
}
