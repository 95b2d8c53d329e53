package dev.hearth.actions.builtin.checkout;

import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinContext.EventSource;
import dev.hearth.actions.builtin.BuiltinResult;
import dev.hearth.actions.builtin.Inputs;
import dev.hearth.actions.builtin.Inputs.InvalidInputException;
import dev.hearth.actions.builtin.files.SandboxPaths;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code actions/checkout}, built on the host with JGit and copied into the sandbox: the event's
 * repository at the event's commit from Hearth's own clone ({@link EventSource#repositoryDir()}), or
 * another repository fetched from {@code <server URL>/<owner>/<repo>}. The result is a real git
 * repository: {@code origin} is the repository's URL, a branch is checked out as a local branch
 * tracking {@code origin}, anything else leaves HEAD detached, and {@code fetch-depth} (default 1) makes
 * it shallow, {@code 0} fetching all branches and tags. Also {@code path}, {@code ref}, {@code clean},
 * {@code fetch-tags}, {@code submodules} ({@code true} or {@code recursive}) and {@code sparse-checkout}
 * (applied with git inside the sandbox, when it has git). Outputs {@code ref} and {@code commit}.
 *
 * <p>Credentials: the token is used on the host only, to fetch; it is never written into the
 * workspace, whatever {@code persist-credentials} says, so later steps that push or fetch with git need
 * their own credentials. {@code lfs}, {@code ssh-key} and {@code filter} are not supported and say so.
 */
public final class CheckoutAction implements BuiltinAction {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    /** GitHub's characters for owners and repositories; {@code .} and {@code ..} alone are refused below. */
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    @Override
    public List<String> names() {
        return List.of("actions/checkout");
    }

    @Override
    public Map<String, String> inputDefaults() {
        return Map.ofEntries(Map.entry("repository", "${{ github.repository }}"),
                Map.entry("token", "${{ github.token }}"), Map.entry("ssh-strict", "true"),
                Map.entry("ssh-user", "git"), Map.entry("persist-credentials", "true"), Map.entry("clean", "true"),
                Map.entry("sparse-checkout-cone-mode", "true"), Map.entry("fetch-depth", "1"),
                Map.entry("fetch-tags", "false"), Map.entry("show-progress", "true"), Map.entry("lfs", "false"),
                Map.entry("submodules", "false"), Map.entry("set-safe-directory", "true"));
    }

    @Override
    public BuiltinResult main(BuiltinContext context) throws Exception {
        try {
            return checkout(context);
        } catch (InvalidInputException | CheckoutException e) {
            return BuiltinResult.failure(e.getMessage());
        }
    }

    private BuiltinResult checkout(BuiltinContext context) throws Exception {
        EventSource event = context.event();
        String repository = context.input("repository").strip();
        if (repository.isEmpty() && event != null) {
            repository = event.repository();
        }
        if (repository == null || !REPOSITORY.matcher(repository).matches()
                || List.of(repository.split("/")).stream().anyMatch(part -> part.equals(".") || part.equals(".."))) {
            throw new InvalidInputException("Invalid repository '" + repository + "'. Expected format {owner}/{repo}.");
        }
        boolean eventRepository = event != null && repository.equalsIgnoreCase(event.repository());
        String serverUrl = context.input("github-server-url").strip();
        if (serverUrl.isEmpty()) {
            serverUrl = event == null ? EventSource.GITHUB : event.serverUrl();
        }
        serverUrl = serverUrl.replaceAll("/+$", "");
        String origin = serverUrl + "/" + repository;

        // What to check out, as the real action's input rules have it.
        String ref = context.input("ref").strip();
        String commit = null;
        if (ref.isEmpty()) {
            if (eventRepository) {
                ref = event.ref() == null ? "" : event.ref();
                commit = event.sha();
                if (commit != null && !ref.isEmpty() && !ref.startsWith("refs/")) {
                    ref = "refs/heads/" + ref;
                }
            }
        } else if (SHA.matcher(ref).matches()) {
            commit = ref.toLowerCase(Locale.ROOT);
            ref = "";
        }

        String target = SandboxPaths.join(context.workspace(), context.input("path").strip());
        if (!SandboxPaths.isWithin(target, context.workspace())) {
            throw new InvalidInputException("Repository path '" + target + "' is not under '" + context.workspace() + "'");
        }
        int depth = fetchDepth(context.input("fetch-depth"));
        boolean clean = Inputs.bool(context, "clean");
        boolean fetchTags = Inputs.bool(context, "fetch-tags");
        Inputs.bool(context, "persist-credentials"); // read for validation only: the token is never persisted
        String submodules = context.input("submodules").strip().toLowerCase(Locale.ROOT);
        boolean withSubmodules = submodules.equals("true") || submodules.equals("recursive");
        List<String> sparse = Inputs.lines(context, "sparse-checkout");
        boolean cone = Inputs.bool(context, "sparse-checkout-cone-mode");
        warnUnsupported(context);

        boolean fromHost = eventRepository && event.repositoryDir() != null;
        String source = fromHost ? event.repositoryDir().toString() : origin;
        String token = context.input("token").strip();
        if (token.isEmpty() && event != null && event.token() != null) {
            token = event.token();
        }
        CredentialsProvider credentials = fromHost || token.isEmpty() ? null
                : new UsernamePasswordCredentialsProvider("x-access-token", token);

        context.log().info("Syncing repository: " + repository);
        Path hostDir = Files.createTempDirectory("hearth-checkout-");
        try {
            String head;
            try (HostClone clone = HostClone.init(hostDir, source, origin, credentials)) {
                CheckoutTarget checkoutTarget = clone.resolve(ref, commit);
                if (ref.isEmpty() && commit == null) {
                    ref = checkoutTarget.ref(); // another repository's default branch
                }
                context.log().info("Fetching " + checkoutTarget.describe() + " ("
                        + (depth == 0 ? "all history" : "depth " + depth) + ") from "
                        + (fromHost ? "the run's clone of the repository" : origin));
                clone.fetch(checkoutTarget, depth, fetchTags);
                clone.checkout(checkoutTarget);
                if (withSubmodules) {
                    for (String path : clone.submodules(submodules.equals("recursive"))) {
                        context.log().info("Checked out submodule " + path);
                    }
                }
                head = clone.head();
                context.log().info(checkoutTarget.kind() == CheckoutTarget.Kind.BRANCH
                        ? "Checked out branch '" + checkoutTarget.branch() + "' at " + head
                        : "Checked out " + checkoutTarget.describe() + " at " + head + " (detached HEAD)");
            }
            prepareTarget(context, target, origin, clean);
            context.sandbox().copyIn(hostDir, target);
            if (!sparse.isEmpty()) {
                sparseCheckout(context, target, sparse, cone);
            }
            return BuiltinResult.success(Map.of("ref", ref, "commit", head));
        } finally {
            Trees.delete(hostDir);
        }
    }

    /** {@code fetch-depth}: a number of commits; anything else, or a negative number, means all history. */
    private static int fetchDepth(String value) {
        try {
            int depth = Integer.parseInt(value.strip());
            return Math.max(depth, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void warnUnsupported(BuiltinContext context) {
        if (Inputs.bool(context, "lfs")) {
            context.log().warning("Git LFS is not supported by Hearth's built-in checkout: LFS files stay pointer files.");
        }
        if (!context.input("ssh-key").isBlank()) {
            context.log().warning("ssh-key is not supported by Hearth's built-in checkout; the repository is fetched "
                    + "with the token.");
        }
        if (!context.input("filter").isBlank()) {
            context.log().info("filter is ignored: Hearth fetches complete objects.");
        }
    }

    /**
     * Makes room for the checkout: a folder that holds another repository, or any folder when
     * {@code clean} is set, is emptied (what {@code git clean -ffdx} and a fresh checkout leave); with
     * {@code clean: false} over the same repository, untracked files stay.
     */
    private static void prepareTarget(BuiltinContext context, String target, String origin, boolean clean)
            throws SandboxException {
        Sandbox sandbox = context.sandbox();
        if (!sandbox.exists(target)) {
            sandbox.createDirectories(target);
            return;
        }
        if (clean || !sameRepository(sandbox, target, origin)) {
            List<String> names = sandbox.list(target);
            if (!names.isEmpty()) {
                context.log().info("Deleting the contents of '" + target + "'");
            }
            for (String name : names) {
                sandbox.delete(target + "/" + name);
            }
        } else {
            sandbox.delete(target + "/.git");
        }
    }

    private static boolean sameRepository(Sandbox sandbox, String target, String origin) {
        try {
            String config = sandbox.readString(target + "/.git/config", 1 << 20);
            return config.lines().map(String::strip).anyMatch(line -> line.equals("url = " + origin));
        } catch (SandboxException e) {
            return false;
        }
    }

    /** Applies {@code sparse-checkout} with git inside the sandbox; without git there, the full tree stays. */
    private static void sparseCheckout(BuiltinContext context, String target, List<String> patterns, boolean cone)
            throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of("git", "-C", target, "sparse-checkout", "set"));
        if (!cone) {
            argv.add("--no-cone");
        }
        argv.addAll(patterns);
        CollectedOutput output = new CollectedOutput();
        try {
            ExitStatus status = context.sandbox().exec(new ExecRequest(argv,
                    Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), context.workspace(), null), output);
            if (status.success()) {
                context.log().info("Sparse checkout of " + String.join(", ", patterns));
                return;
            }
            context.log().warning("sparse-checkout failed, the full tree stays checked out: "
                    + output.errorText().strip());
        } catch (SandboxException e) {
            context.log().warning("sparse-checkout needs git inside the sandbox (" + e.getMessage()
                    + "); the full tree stays checked out");
        }
    }
}
