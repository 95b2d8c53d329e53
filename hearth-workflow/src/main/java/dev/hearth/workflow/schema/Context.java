package dev.hearth.workflow.schema;

import java.util.Set;

/**
 * What expressions may use at a key: named values ({@code github}, {@code env}...) and the functions
 * that only exist there ({@code hashFiles}, {@code success}...), a function written {@code name(min,max)}
 * when its arity here is not its own. Names are lower case.
 */
public record Context(String name, Set<String> namedValues, Set<String> functions) {
    public static final Context NONE = new Context("none", Set.of(), Set.of());

    public Context {
        namedValues = Set.copyOf(namedValues);
        functions = Set.copyOf(functions);
    }

    public boolean allowsExpressions() {
        return !namedValues.isEmpty() || !functions.isEmpty();
    }
}
