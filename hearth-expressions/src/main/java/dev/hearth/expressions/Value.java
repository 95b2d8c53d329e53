package dev.hearth.expressions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value an expression works with. GitHub's data model: null, booleans, numbers (always
 * doubles), strings, arrays and objects whose keys are looked up case-insensitively.
 * Arrays and objects compare by identity in expressions, so they are classes, not records.
 */
public sealed interface Value
        permits Value.Null, Value.Bool, Value.Num, Value.Str, ArrayValue, ObjectValue {

    /** The kinds GitHub names in its results: {@code Null|Boolean|Number|String|Array|Object}. */
    enum Kind {
        NULL("Null"), BOOLEAN("Boolean"), NUMBER("Number"), STRING("String"), ARRAY("Array"), OBJECT("Object");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        /** GitHub's name for the kind, e.g. {@code Object}. */
        public String title() {
            return title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    Kind kind();

    /** True for null, booleans, numbers and strings. */
    default boolean isPrimitive() {
        return true;
    }

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);
    Str EMPTY_STRING = new Str("");

    static Bool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Num of(double d) {
        return new Num(d);
    }

    static Str of(String s) {
        return s.isEmpty() ? EMPTY_STRING : new Str(s);
    }

    /** Converts Jackson's tree; numbers become doubles, duplicate keys (ignoring case) keep the first. */
    static Value fromJson(JsonNode node) {
        return JsonConversion.fromJson(node);
    }

    /** Converts to Jackson's tree; non-finite numbers become the strings NaN/Infinity/-Infinity. */
    default JsonNode toJson() {
        return JsonConversion.toJson(this);
    }

    /** The null value. */
    record Null() implements Value {
        @Override
        public Kind kind() {
            return Kind.NULL;
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements Value {
        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }
    }

    /** A number; GitHub has only doubles. */
    record Num(double value) implements Value {
        @Override
        public Kind kind() {
            return Kind.NUMBER;
        }
    }

    /** A string. */
    record Str(String value) implements Value {
        public Str {
            java.util.Objects.requireNonNull(value);
        }

        @Override
        public Kind kind() {
            return Kind.STRING;
        }
    }
}
