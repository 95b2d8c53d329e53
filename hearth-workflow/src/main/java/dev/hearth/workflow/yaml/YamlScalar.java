package dev.hearth.workflow.yaml;

/**
 * A scalar: its text as written (after YAML unescaping), its resolved type and its style. Numbers and
 * booleans keep their text; {@link #asBoolean()} and {@link #asNumber()} read them.
 */
public record YamlScalar(String value, ScalarType type, ScalarStyle style, int line, int column)
        implements YamlNode {

    public boolean isNull() {
        return type == ScalarType.NULL;
    }

    public boolean isString() {
        return type == ScalarType.STRING;
    }

    public boolean asBoolean() {
        return value.length() == 4; // true / True / TRUE; false has five letters
    }

    public double asNumber() {
        return ScalarResolver.toDouble(value, type);
    }

    /** The scalar as GitHub prints it in messages and coerces it to a string. */
    public String text() {
        return switch (type) {
            case NULL -> "";
            case BOOL -> asBoolean() ? "true" : "false";
            case INT, FLOAT -> ScalarResolver.numberText(asNumber());
            case STRING -> value;
        };
    }

    @Override
    public int weight() {
        return 1;
    }

    @Override
    public String kindName() {
        return "a scalar";
    }
}
