package dev.hearth.actions.classify;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.actions.builtin.Builtins;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.workflow.plan.UsesLabel;
import dev.hearth.workflow.plan.UsesLabeler;
import dev.hearth.workflow.plan.UsesRef;
import dev.hearth.workflow.reusable.WorkflowRef;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells how a {@code uses:} step or a reusable job will run, without the network: built-ins by name;
 * local actions by their {@code action.yml} in the repository when it is there; remote actions by
 * their manifest when the mirror or the cache holds them, else they are fetched when the job runs;
 * Docker actions by whether a docker engine is present (else the LLM, when one is configured).
 * {@link ActionClass#UNSUPPORTED} is kept for what cannot run at all: an invalid {@code uses:} value or
 * an invalid {@code action.yml}.
 */
public final class UsesClassifier implements UsesLabeler {

    private final DefaultActionResolver lookup;
    private final Path repositoryRoot;
    private final boolean docker;
    private final boolean llm;

    /**
     * @param lookup         where remote actions are looked for without fetching ({@link DefaultActionResolver#peek}),
     *                       and whether this machine is offline
     * @param repositoryRoot where {@code ./path} actions are read
     * @param docker         whether a docker engine runs Docker actions here ({@link DockerEngine#present()})
     * @param llm            whether an LLM is configured to translate what cannot run
     */
    public UsesClassifier(DefaultActionResolver lookup, Path repositoryRoot, boolean docker, boolean llm) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.repositoryRoot = Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        this.docker = docker;
        this.llm = llm;
    }

    /** The class of a step's {@code uses:} value as written. */
    public Classification step(String uses) {
        if (uses == null || uses.isBlank()) {
            return unsupported("no 'uses' value");
        }
        if (uses.contains("${{")) {
            return unsupported("expressions are not allowed in 'uses'");
        }
        UsesRef ref = UsesRef.parse(uses);
        if (ref.kind() == UsesRef.UsesKind.INVALID) {
            return unsupported("invalid: expected {org}/{repo}[/path]@ref, ./path or docker://image");
        }
        if (ref.kind() == UsesRef.UsesKind.REMOTE
                && Builtins.isBuiltin(ref.owner() + "/" + ref.repo() + (ref.path() == null ? "" : "/" + ref.path()))) {
            return new Classification(ActionClass.BUILTIN, "native, no download");
        }
        Optional<ResolvedAction> found;
        try {
            found = lookup.peek(uses, repositoryRoot);
        } catch (ActionException e) {
            String first = e.getMessage().lines().findFirst().orElse("");
            return unsupported(e.kind() == ActionException.Kind.BAD_MANIFEST ? "invalid action: " + first : first);
        }
        if (found.isPresent()) {
            return byManifest(ref.kind(), found.get());
        }
        if (ref.kind() == UsesRef.UsesKind.LOCAL) {
            return new Classification(ActionClass.LOCAL, "no action.yml here yet; read when the job runs");
        }
        if (lookup.sources().offline()) {
            return llm ? new Classification(ActionClass.LLM, "offline and not in the mirror or cache; LLM translation")
                    : new Classification(ActionClass.REMOTE, "offline and not in the mirror or cache: will fail");
        }
        return new Classification(ActionClass.REMOTE, "fetched when the job runs");
    }

    /** The class of a reusable job's {@code uses:}. */
    public Classification reusableJob(String uses) {
        WorkflowRef ref = uses == null || uses.contains("${{") ? null : WorkflowRef.parse(uses);
        if (ref == null) {
            return unsupported("invalid: expected ./.github/workflows/{file} or {owner}/{repo}/{path}@{ref}");
        }
        return new Classification(ActionClass.REUSABLE, ref.isLocal() ? "local workflow" : "remote workflow");
    }

    private Classification byManifest(UsesRef.UsesKind kind, ResolvedAction action) {
        String where = switch (action.source()) {
            case MIRROR -> ", from the mirror";
            case CACHE -> ", cached";
            default -> "";
        };
        ActionClass runnable = kind == UsesRef.UsesKind.LOCAL ? ActionClass.LOCAL : ActionClass.REMOTE;
        return switch (action.manifest().runs()) {
            case ActionManifest.Composite c -> new Classification(runnable,
                    "composite, " + c.steps().size() + (c.steps().size() == 1 ? " step" : " steps") + where);
            case ActionManifest.Node n -> new Classification(runnable, n.using() + where);
            case ActionManifest.Docker d -> docker ? new Classification(ActionClass.DOCKER, "docker" + where)
                    : llm ? new Classification(ActionClass.LLM, "needs Docker, none here; LLM translation")
                    : new Classification(ActionClass.DOCKER, "needs Docker");
        };
    }

    private static Classification unsupported(String why) {
        return new Classification(ActionClass.UNSUPPORTED, why);
    }

    // ---- as the plan's labeler ------------------------------------------------------------------------

    @Override
    public UsesLabel step(UsesRef uses) {
        Classification c = step(text(uses));
        return new UsesLabel(c.actionClass().label(), c.note());
    }

    @Override
    public UsesLabel call(UsesRef uses) {
        Classification c = reusableJob(text(uses));
        return new UsesLabel(c.actionClass().label(), c.note());
    }

    /** The {@code uses:} value a parsed reference was read from. */
    private static String text(UsesRef ref) {
        return switch (ref.kind()) {
            case LOCAL, INVALID -> ref.path();
            case DOCKER -> "docker://" + ref.path();
            case REMOTE -> ref.owner() + "/" + ref.repo() + (ref.path() == null ? "" : "/" + ref.path()) + "@" + ref.ref();
        };
    }
}
