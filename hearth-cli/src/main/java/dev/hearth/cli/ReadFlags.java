package dev.hearth.cli;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.model.Permissions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags that say how workflow files are read, shared by every command that reads them
 * ({@code validate}, {@code plan}), so both resolve called workflows the same way.
 */
final class ReadFlags {

    /** The repository's default GITHUB_TOKEN policy; picocli refuses any other word as a usage error. */
    enum PermissionPolicy {
        restricted(Permissions.limitedRead()),
        permissive(Permissions.all("write"));

        final Permissions grant;

        PermissionPolicy(Permissions grant) {
            this.grant = grant;
        }
    }

    @Option(names = "--actions-mirror", paramLabel = "DIR",
            description = "Folder with called workflows and actions of other repositories: "
                    + "DIR/<owner>/<repo>/<ref>/<path>.")
    Path actionsMirror;

    @Option(names = "--allow-unresolved-calls",
            description = "Skip reusable workflows that cannot be read (listed as notes) instead of reporting "
                    + "them as errors as GitHub does.")
    boolean allowUnresolvedCalls;

    @Option(names = "--default-permissions", paramLabel = "POLICY", defaultValue = "restricted",
            description = "What a workflow without 'permissions' grants to the workflows it calls: restricted "
                    + "(contents and packages read, GitHub's default for new repositories) or permissive (write-all).")
    PermissionPolicy defaultPermissions;

    /** The options for reading {@code file}: its repository resolves local calls. */
    ReadOptions forFile(Path file) {
        return new ReadOptions(repositoryRoot(file), actionsMirror, allowUnresolvedCalls, defaultPermissions.grant);
    }

    /**
     * The repository a workflow belongs to: the folder holding its {@code .github}, else the current
     * directory. Local calls ({@code ./.github/workflows/x.yml}) are resolved there.
     */
    static Path repositoryRoot(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals(".github")) {
                return p.getParent() == null ? p : p.getParent();
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
