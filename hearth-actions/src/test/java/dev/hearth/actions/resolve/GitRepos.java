package dev.hearth.actions.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Real git repositories made by tests, laid out as a git host: {@code <root>/<owner>/<repo>}, served
 * to the resolver as {@code file://<root>}.
 */
final class GitRepos {
    private final Path root;

    GitRepos(Path root) {
        this.root = root;
    }

    String baseUrl() {
        return root.toUri().toString();
    }

    /** A new repository with branch {@code main} and no commits. */
    Repo create(String owner, String repo) throws GitAPIException, IOException {
        Path dir = Files.createDirectories(root.resolve(owner).resolve(repo));
        return new Repo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    /** A repository being written by a test. */
    record Repo(Git git, Path dir) implements AutoCloseable {

        /** Writes the files (path to content; a path ending in {@code *} is made executable) and commits them. */
        RevCommit commit(String message, Map<String, String> files) throws IOException, GitAPIException {
            for (Map.Entry<String, String> f : files.entrySet()) {
                boolean executable = f.getKey().endsWith("*");
                String name = executable ? f.getKey().substring(0, f.getKey().length() - 1) : f.getKey();
                Path p = dir.resolve(name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
                if (executable) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setSign(false).call();
        }

        void tag(String name, boolean annotated) throws GitAPIException {
            git.tag().setName(name).setAnnotated(annotated).setSigned(false).setMessage(annotated ? name : null).call();
        }

        void branch(String name) throws GitAPIException {
            git.branchCreate().setName(name).call();
        }

        @Override
        public void close() {
            git.close();
        }
    }

    /** A composite action.yml whose one step echoes {@code word}. */
    static String composite(String word) {
        return """
                name: Say
                description: says a word
                inputs:
                  who:
                    description: whom to greet
                    default: world
                runs:
                  using: composite
                  steps:
                    - run: echo %s
                      shell: bash
                """.formatted(word);
    }
}
