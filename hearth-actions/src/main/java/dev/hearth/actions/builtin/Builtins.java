package dev.hearth.actions.builtin;

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
