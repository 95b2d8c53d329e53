package dev.hearth.engine.action;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.Builtins;
import dev.hearth.actions.llm.StepTranslator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a run needs for its {@code uses:} steps.
 *
 * @param resolver   turns a {@code uses:} value into an action on the host
 * @param builtins   the actions Hearth implements natively; looked up before resolving
 * @param translator translates a step whose action cannot be obtained or run, or null for none
 * @param stores     the host-side stores of the built-in cache and artifact actions
 */
public record ActionSetup(ActionResolver resolver, Builtins builtins, StepTranslator translator,
                          BuiltinContext.Stores stores) {

    /** GitHub's cache limit per repository, also the default of the local cache store. */
    public static final long DEFAULT_CACHE_LIMIT = 10L * 1024 * 1024 * 1024;

    /** Used when no resolver is configured: every action is unavailable, with a message that says why. */
    public static final ActionResolver NO_RESOLVER = (uses, workspace) -> {
        throw new ActionException(ActionException.Kind.UNAVAILABLE,
                "Unable to resolve action '" + uses + "': no action resolver is configured");
    };

    public ActionSetup {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(builtins, "builtins");
        Objects.requireNonNull(stores, "stores");
    }

    /** No resolver, no built-ins, no translator; stores under the run's work folder. */
    public static ActionSetup defaults(Path workDir, long runId) {
        Path stores = workDir.resolve("_stores");
        return new ActionSetup(NO_RESOLVER, new Builtins(List.of()), null,
                new BuiltinContext.Stores(stores.resolve("cache"), DEFAULT_CACHE_LIMIT,
                        stores.resolve("artifacts").resolve(Long.toString(runId)), Long.toString(runId)));
    }

    public ActionSetup withResolver(ActionResolver v) {
        return new ActionSetup(v, builtins, translator, stores);
    }

    public ActionSetup withBuiltins(Builtins v) {
        return new ActionSetup(resolver, v, translator, stores);
    }

    public ActionSetup withTranslator(StepTranslator v) {
        return new ActionSetup(resolver, builtins, v, stores);
    }

    public ActionSetup withStores(BuiltinContext.Stores v) {
        return new ActionSetup(resolver, builtins, translator, v);
    }
}
