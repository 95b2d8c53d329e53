package dev.hearth.expressions;

import java.util.HashSet;
import java.util.Set;

/**
 * What an expression may refer to: the named values (contexts) and the contextual functions
 * (hashFiles, success, always, failure, cancelled). Names compare ignoring case. The other
 * built-in functions are always allowed.
 */
public final class ParseOptions {

    private static final ParseOptions PERMISSIVE = new ParseOptions(null, null);

    private final Set<String> namedValues; // folded; null = any
    private final Set<String> functions;   // folded; null = any

    private ParseOptions(Set<String> namedValues, Set<String> functions) {
        this.namedValues = namedValues;
        this.functions = functions;
    }

    /**
     * @param namedValues    the contexts an expression may use, e.g. {@code github}, {@code matrix}
     * @param extraFunctions the contextual functions it may call; also accepted as GitHub's workflow
     *                       schema writes them, with the arity in parentheses: {@code hashFiles(1,255)}
     */
    public static ParseOptions of(Set<String> namedValues, Set<String> extraFunctions) {
        Set<String> functions = new HashSet<>(extraFunctions.size() * 2);
        for (String f : extraFunctions) {
            int paren = f.indexOf('(');
            functions.add(Keys.fold((paren < 0 ? f : f.substring(0, paren)).strip()));
        }
        return new ParseOptions(fold(namedValues), functions);
    }

    /** Only these named values, no contextual functions. */
    public static ParseOptions namedValues(Set<String> namedValues) {
        return new ParseOptions(fold(namedValues), Set.of());
    }

    /** Any named value and every built-in function: for tooling. */
    public static ParseOptions permissive() {
        return PERMISSIVE;
    }

    private static Set<String> fold(Set<String> names) {
        Set<String> out = new HashSet<>(names.size() * 2);
        for (String n : names) out.add(Keys.fold(n));
        return out;
    }

    public boolean allowsNamedValue(String name) {
        return namedValues == null || namedValues.contains(Keys.fold(name));
    }

    public boolean allowsFunction(BuiltinFunction function) {
        return !function.contextual() || functions == null || functions.contains(function.lowerName());
    }
}
