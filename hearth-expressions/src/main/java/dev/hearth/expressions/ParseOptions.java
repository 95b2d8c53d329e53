package dev.hearth.expressions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an expression may refer to: the named values (contexts) and the contextual functions
 * (hashFiles, success, always, failure, cancelled), with the number of arguments each takes here.
 * Names compare ignoring case. The other built-in functions are always allowed.
 */
public final class ParseOptions {

    private static final ParseOptions PERMISSIVE = new ParseOptions(null, null, Map.of());

    private final Set<String> namedValues; // folded; null = any
    private final Set<String> functions;   // folded; null = any
    // GitHub gives one function different arities by key: success('build') names a job in a job's if,
    // but takes nothing in a step's. Folded name -> {min, max}; absent = the function's own arity.
    private final Map<String, int[]> arities;

    private ParseOptions(Set<String> namedValues, Set<String> functions, Map<String, int[]> arities) {
        this.namedValues = namedValues;
        this.functions = functions;
        this.arities = arities;
    }

    /**
     * @param namedValues    the contexts an expression may use, e.g. {@code github}, {@code matrix}
     * @param extraFunctions the contextual functions it may call; also accepted as GitHub's workflow
     *                       schema writes them, with the arity in parentheses: {@code hashFiles(1,255)},
     *                       {@code success(0,MAX)} (MAX: no upper bound); {@code name()} or a bare name
     *                       keeps the function's own arity
     * @throws IllegalArgumentException for an arity that is not {@code (min,max)}
     */
    public static ParseOptions of(Set<String> namedValues, Set<String> extraFunctions) {
        Set<String> functions = new HashSet<>(extraFunctions.size() * 2);
        Map<String, int[]> arities = new HashMap<>();
        for (String f : extraFunctions) {
            int paren = f.indexOf('(');
            String name = Keys.fold((paren < 0 ? f : f.substring(0, paren)).strip());
            functions.add(name);
            if (paren >= 0) {
                int[] arity = arity(f, f.substring(paren + 1, f.endsWith(")") ? f.length() - 1 : f.length()));
                if (arity != null) {
                    arities.put(name, arity);
                }
            }
        }
        return new ParseOptions(fold(namedValues), functions, Map.copyOf(arities));
    }

    private static int[] arity(String function, String inner) {
        if (inner.isBlank()) {
            return null;
        }
        String[] parts = inner.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("arity must be (min,max): " + function);
        }
        try {
            int min = Integer.parseInt(parts[0].strip());
            String m = parts[1].strip();
            int max = m.equalsIgnoreCase("MAX") ? Integer.MAX_VALUE : Integer.parseInt(m);
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("arity must be (min,max) with 0 <= min <= max: " + function);
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("arity must be (min,max): " + function, e);
        }
    }

    /** Only these named values, no contextual functions. */
    public static ParseOptions namedValues(Set<String> namedValues) {
        return new ParseOptions(fold(namedValues), Set.of(), Map.of());
    }

    /** Any named value and every built-in function, each with its own arity: for tooling. */
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

    /** The fewest arguments the function takes under these options. */
    public int minArgs(BuiltinFunction function) {
        int[] a = arities.get(function.lowerName());
        return a == null ? function.minArgs() : a[0];
    }

    /** The most arguments the function takes under these options. */
    public int maxArgs(BuiltinFunction function) {
        int[] a = arities.get(function.lowerName());
        return a == null ? function.maxArgs() : a[1];
    }
}
