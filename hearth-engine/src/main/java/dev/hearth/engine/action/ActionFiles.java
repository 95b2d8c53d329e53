package dev.hearth.engine.action;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.WorkRootSandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an action's files are inside the sandbox. A local action is already there, in the workspace; a
 * remote one is copied, its whole repository (an action may use files beside its own folder), to
 * {@code <job>/work/_actions/<owner>/<repo>/<sha>} as on GitHub's runners, once per job.
 */
final class ActionFiles {

    private ActionFiles() {
    }

    /**
     * Resolves a local action. Its files are in the sandbox's workspace: for sandboxes whose work root
     * is a host folder at the same path (host, bwrap) the resolver reads them in place; otherwise the
     * action's folder is first copied out to a host folder laid out like the workspace.
     */
    static ResolvedAction resolveLocal(ActionResolver resolver, UsesRef ref, Sandbox sandbox, String workspace)
            throws ActionException {
        if (sandbox instanceof WorkRootSandbox) {
            return resolver.resolve(ref.uses(), Path.of(workspace));
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("hearth-local-action");
            String inside = ref.path().isEmpty() ? workspace : workspace + "/" + ref.path();
            if (sandbox.exists(inside)) {
                Path target = ref.path().isEmpty() ? copy : copy.resolve(ref.path());
                sandbox.copyOut(inside, target);
            }
            return resolver.resolve(ref.uses(), copy);
        } catch (IOException | SandboxException e) {
            throw new ActionException(ActionException.Kind.UNAVAILABLE,
                    "Can't read the local action '" + ref.uses() + "' from the sandbox: " + e.getMessage(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    /** The action's folder inside the sandbox, copied in when it is not there yet. */
    static String place(ResolvedAction action, UsesRef ref, Sandbox sandbox, String workspace)
            throws SandboxException {
        if (ref.kind() == UsesRef.Kind.LOCAL) {
            return ref.path().isEmpty() ? workspace : workspace + "/" + ref.path();
        }
        String version = action.sha() != null ? action.sha() : safe(ref.ref() == null ? "default" : ref.ref());
        String root = parent(workspace) + "/_actions/" + safe(ref.owner()) + "/" + safe(ref.repo()) + "/" + version;
        Path hostRoot = repositoryRoot(action.directory(), ref.path());
        if (!sandbox.exists(root)) {
            sandbox.copyIn(hostRoot, root);
        }
        return ref.path().isEmpty() ? root : root + "/" + ref.path();
    }

    /** The repository's root on the host: the action's folder without its path inside the repository. */
    static Path repositoryRoot(Path directory, String path) {
        Path root = directory;
        if (path != null && !path.isEmpty()) {
            for (String ignored : path.split("/")) {
                root = root.getParent();
            }
        }
        return root;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? path : path.substring(0, slash);
    }

    /** A name safe as one path segment. */
    private static String safe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return out.isEmpty() || out.equals(".") || out.equals("..") ? "_" : out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary copy left behind is harmless
        }
    }
}
