package dev.hearth.expressions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An {@link EvaluationContext} over a fixed set of named values, with optional hooks for the
 * status functions and hashFiles.
 */
public final class MapEvaluationContext implements EvaluationContext {

    private final ObjectValue values;
    private final Predicate<BuiltinFunction> status;
    private final Function<List<String>, String> hashFiles;

    private MapEvaluationContext(ObjectValue values, Predicate<BuiltinFunction> status,
                                 Function<List<String>, String> hashFiles) {
        this.values = values;
        this.status = status;
        this.hashFiles = hashFiles;
    }

    public static MapEvaluationContext of(Map<String, ? extends Value> namedValues) {
        return new MapEvaluationContext(ObjectValue.of(namedValues), null, null);
    }

    /** The object's entries are the named values. */
    public static MapEvaluationContext of(ObjectValue namedValues) {
        return new MapEvaluationContext(namedValues, null, null);
    }

    /** A copy whose status functions answer with {@code status}. */
    public MapEvaluationContext withStatus(Predicate<BuiltinFunction> status) {
        return new MapEvaluationContext(values, status, hashFiles);
    }

    /** A copy whose hashFiles answers with {@code hashFiles}. */
    public MapEvaluationContext withHashFiles(Function<List<String>, String> hashFiles) {
        return new MapEvaluationContext(values, status, hashFiles);
    }

    /** The names of the values, as first spelled. */
    public List<String> names() {
        return values.keys();
    }

    @Override
    public Value namedValue(String name) {
        return values.get(name);
    }

    @Override
    public boolean status(BuiltinFunction statusFunction) {
        if (status == null) return EvaluationContext.super.status(statusFunction);
        return status.test(statusFunction);
    }

    @Override
    public String hashFiles(List<String> patterns) {
        if (hashFiles == null) return EvaluationContext.super.hashFiles(patterns);
        return hashFiles.apply(patterns);
    }
}
