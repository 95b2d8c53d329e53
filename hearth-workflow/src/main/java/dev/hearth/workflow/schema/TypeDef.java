package dev.hearth.workflow.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled type of the schema. {@code context} is null when the type does not set one. */
public sealed interface TypeDef {
    Context context();

    /** A scalar: string (optionally non-empty, optionally one of fixed literals), boolean, number, null. */
    record Scalar(Kind kind, boolean nonEmpty, Set<String> literals, Context context) implements TypeDef {
        public enum Kind { STRING, BOOLEAN, NUMBER, NULL }
    }

    /** Anything: the value is not checked further (matrix values, {@code include} entries). */
    record Any(Context context) implements TypeDef {
    }

    /** A sequence with items of one type. */
    record Sequence(String item, Context context) implements TypeDef {
    }

    /**
     * A mapping: known properties, and/or a type for other keys ({@code other}, null when other keys
     * are unexpected).
     */
    record Mapping(Map<String, Property> properties, String other, Context context) implements TypeDef {
    }

    /** A known key of a mapping. */
    record Property(String type, boolean required) {
    }

    /** The first alternative that fits. */
    record OneOf(List<String> alternatives, Context context) implements TypeDef {
    }
}
