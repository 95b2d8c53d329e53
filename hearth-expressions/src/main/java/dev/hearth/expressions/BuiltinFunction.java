package dev.hearth.expressions;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in functions with their arity. {@code contextual} ones (hashFiles and the status
 * functions) need the caller's help at run time and must be allowed by {@link ParseOptions}.
 */
public enum BuiltinFunction {
    CONTAINS("contains", 2, 2, false),
    STARTS_WITH("startsWith", 2, 2, false),
    ENDS_WITH("endsWith", 2, 2, false),
    FORMAT("format", 1, 255, false),
    JOIN("join", 1, 2, false),
    TO_JSON("toJSON", 1, 1, false),
    FROM_JSON("fromJSON", 1, 1, false),
    CASE("case", 3, Integer.MAX_VALUE, false),
    HASH_FILES("hashFiles", 1, 255, true),
    SUCCESS("success", 0, 0, true),
    ALWAYS("always", 0, 0, true),
    FAILURE("failure", 0, 0, true),
    CANCELLED("cancelled", 0, 0, true);

    private static final Map<String, BuiltinFunction> BY_NAME = new HashMap<>();

    static {
        for (BuiltinFunction f : values()) BY_NAME.put(f.lowerName, f);
    }

    private final String displayName;
    private final String lowerName;
    private final int minArgs;
    private final int maxArgs;
    private final boolean contextual;

    BuiltinFunction(String displayName, int minArgs, int maxArgs, boolean contextual) {
        this.displayName = displayName;
        this.lowerName = displayName.toLowerCase(Locale.ROOT);
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.contextual = contextual;
    }

    /** The function with this name, ignoring case, or null. */
    public static BuiltinFunction byName(String name) {
        return BY_NAME.get(Keys.fold(name));
    }

    public String displayName() {
        return displayName;
    }

    /** The name in lower case, as {@link ParseOptions} and GitHub's schemas compare it. */
    public String lowerName() {
        return lowerName;
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    /** True for functions that need the caller's context: hashFiles and the status functions. */
    public boolean contextual() {
        return contextual;
    }

    /** True for success, always, failure and cancelled. */
    public boolean isStatusFunction() {
        return this == SUCCESS || this == ALWAYS || this == FAILURE || this == CANCELLED;
    }
}
