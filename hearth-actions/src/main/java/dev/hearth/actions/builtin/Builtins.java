package dev.hearth.actions.builtin;

import dev.hearth.actions.builtin.artifact.DownloadArtifactAction;
import dev.hearth.actions.builtin.artifact.UploadArtifactAction;
import dev.hearth.actions.builtin.cache.CacheAction;
import dev.hearth.actions.builtin.cache.CacheRestoreAction;
import dev.hearth.actions.builtin.cache.CacheSaveAction;
import dev.hearth.actions.builtin.checkout.CheckoutAction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in actions by name. A {@code uses:} value {@code owner/repo[/path]@ref} is built-in when its
 * {@code owner/repo[/path]} (any case, any ref) is one of {@link #NAMES}.
 */
public final class Builtins {

    /** Every name a built-in answers to. */
    public static final List<String> NAMES = List.of(
            "actions/checkout",
            "actions/cache", "actions/cache/restore", "actions/cache/save",
            "actions/upload-artifact", "actions/download-artifact");

    private final Map<String, BuiltinAction> byName = new LinkedHashMap<>();

    public Builtins(List<BuiltinAction> actions) {
        for (BuiltinAction a : actions) {
            for (String n : a.names()) {
                byName.put(n.toLowerCase(Locale.ROOT), a);
            }
        }
    }

    /** Every built-in action, registered under its names; they hold no state and are shared safely. */
    public static Builtins standard() {
        return new Builtins(List.of(new CheckoutAction(), new CacheAction(), new CacheRestoreAction(),
                new CacheSaveAction(), new UploadArtifactAction(), new DownloadArtifactAction()));
    }

    /** Every registered name, in registration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Whether {@code owner/repo[/path]} names a built-in action. */
    public static boolean isBuiltin(String ownerRepoPath) {
        return ownerRepoPath != null && NAMES.contains(ownerRepoPath.toLowerCase(Locale.ROOT));
    }

    /** The built-in for {@code owner/repo[/path]}, if one is registered. */
    public Optional<BuiltinAction> find(String ownerRepoPath) {
        return ownerRepoPath == null ? Optional.empty()
                : Optional.ofNullable(byName.get(ownerRepoPath.toLowerCase(Locale.ROOT)));
    }
}
