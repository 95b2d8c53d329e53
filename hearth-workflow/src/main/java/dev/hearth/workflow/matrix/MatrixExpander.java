package dev.hearth.workflow.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a {@code strategy.matrix} mapping into its ordered combinations, exactly as GitHub
 * documents it:
 * <ol>
 *   <li>the cartesian product of the vectors (every key but {@code include} and {@code exclude}),
 *       first key varying slowest;</li>
 *   <li>{@code exclude} removes each combination that all keys of one of its entries match
 *       (partial entries allowed, values compared deeply);</li>
 *   <li>each {@code include} entry in turn is added to every remaining original combination where
 *       none of its pairs would overwrite an original vector value (values added by an earlier
 *       include may be overwritten); an entry that fits none becomes a combination of its own.</li>
 * </ol>
 * A matrix of only {@code include} is a list of its entries. More than {@value #MAX_LEGS} combinations
 * is an error, as on GitHub.
 */
public final class MatrixExpander {

    /** GitHub's limit on the jobs one matrix may generate per workflow run. */
    public static final int MAX_LEGS = 256;

    private MatrixExpander() {
    }

    /**
     * The combinations of a matrix, in GitHub's order.
     *
     * @param matrix plain YAML data: vectors are lists of String / Number / Boolean / null / List / Map
     * @throws MatrixException for a matrix GitHub refuses
     */
    public static List<LinkedHashMap<String, Object>> expand(Map<String, Object> matrix) {
        List<String> keys = new ArrayList<>();
        List<List<?>> vectors = new ArrayList<>();
        long product = 1;
        for (Map.Entry<String, Object> e : matrix.entrySet()) {
            String key = e.getKey();
            if (key.equals("include") || key.equals("exclude")) {
                continue;
            }
            if (!(e.getValue() instanceof List<?> values)) {
                throw new MatrixException("matrix vector '" + key + "' must be a list, not " + describe(e.getValue()));
            }
            if (values.isEmpty()) {
                throw new MatrixException("matrix vector '" + key + "' does not contain any values");
            }
            keys.add(key);
            vectors.add(values);
            product *= values.size();
            if (product > MAX_LEGS * 64L) {
                throw new MatrixException("the matrix would produce more than " + product
                        + " combinations; GitHub allows at most " + MAX_LEGS);
            }
        }
        List<Map<String, Object>> include = entries(matrix.get("include"), "include");
        List<Map<String, Object>> exclude = entries(matrix.get("exclude"), "exclude");
        if (keys.isEmpty() && include.isEmpty()) {
            throw new MatrixException("the matrix must define at least one vector or include entry");
        }

        List<LinkedHashMap<String, Object>> originals = keys.isEmpty() ? new ArrayList<>() : product(keys, vectors);
        if (!exclude.isEmpty()) {
            originals.removeIf(combination -> excluded(combination, exclude));
        }
        List<LinkedHashMap<String, Object>> extras = new ArrayList<>();
        for (Map<String, Object> entry : include) {
            boolean added = false;
            for (LinkedHashMap<String, Object> combination : originals) {
                if (fits(combination, entry, keys)) {
                    addTo(combination, entry, keys);
                    added = true;
                }
            }
            if (!added) {
                extras.add(new LinkedHashMap<>(entry));
            }
        }
        originals.addAll(extras);
        if (originals.size() > MAX_LEGS) {
            throw new MatrixException("the matrix produces " + originals.size()
                    + " jobs; GitHub allows at most " + MAX_LEGS);
        }
        return originals;
    }

    private static List<LinkedHashMap<String, Object>> product(List<String> keys, List<List<?>> vectors) {
        List<LinkedHashMap<String, Object>> result = new ArrayList<>();
        int[] index = new int[keys.size()];
        int n = keys.size();
        while (true) {
            LinkedHashMap<String, Object> combination = LinkedHashMap.newLinkedHashMap(n + 2);
            for (int k = 0; k < n; k++) {
                combination.put(keys.get(k), vectors.get(k).get(index[k]));
            }
            result.add(combination);
            // odometer: the last key varies fastest
            int k = n - 1;
            while (k >= 0 && ++index[k] == vectors.get(k).size()) {
                index[k] = 0;
                k--;
            }
            if (k < 0) {
                return result;
            }
        }
    }

    private static boolean excluded(Map<String, Object> combination, List<Map<String, Object>> exclude) {
        for (Map<String, Object> entry : exclude) {
            boolean all = true;
            for (Map.Entry<String, Object> e : entry.entrySet()) {
                if (!combination.containsKey(e.getKey())
                        || !MatrixValues.same(combination.get(e.getKey()), e.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(Map<String, Object> combination, Map<String, Object> entry, List<String> vectorKeys) {
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            if (vectorKeys.contains(e.getKey()) && !MatrixValues.same(combination.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Adds the include pairs; vector keys keep the original value (equal, perhaps of another type). */
    private static void addTo(Map<String, Object> combination, Map<String, Object> entry, List<String> vectorKeys) {
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            if (!vectorKeys.contains(e.getKey())) {
                combination.put(e.getKey(), e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object value, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new MatrixException("matrix '" + key + "' must be a list of mappings, not " + describe(value));
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?>)) {
                throw new MatrixException("each matrix '" + key + "' entry must be a mapping, not " + describe(entry));
            }
        }
        return (List<Map<String, Object>>) list;
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "the string '" + s + "'";
            case Map<?, ?> m -> "a mapping";
            default -> "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
