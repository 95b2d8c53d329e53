package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An array. A <em>filtered</em> array is the result of {@code .*} or {@code [*]}: further property
 * or index access applies to each of its items instead of to the array itself, as in GitHub.
 */
public final class ArrayValue implements Value {

    private final List<Value> items;
    private final boolean filtered;

    private ArrayValue(List<Value> items, boolean filtered) {
        this.items = items;
        this.filtered = filtered;
    }

    public static ArrayValue of(List<? extends Value> items) {
        return new ArrayValue(List.copyOf(items), false);
    }

    /** Wraps a list the caller hands over and never changes again (no copy). */
    static ArrayValue adopt(List<Value> items) {
        return new ArrayValue(Collections.unmodifiableList(items), false);
    }

    static ArrayValue filtered(ArrayList<Value> items) {
        return new ArrayValue(Collections.unmodifiableList(items), true);
    }

    public List<Value> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public Value get(int index) {
        return items.get(index);
    }

    /** True for the result of a {@code *} filter. */
    public boolean isFiltered() {
        return filtered;
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }

    @Override
    public boolean isPrimitive() {
        return false;
    }

    @Override
    public String toString() {
        return "Array" + items;
    }
}
