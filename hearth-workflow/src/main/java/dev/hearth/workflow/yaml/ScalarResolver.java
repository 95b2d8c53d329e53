package dev.hearth.workflow.yaml;

/**
 * Resolves plain scalars by YAML 1.2's core schema, by hand (no regex: this runs for every scalar).
 * So {@code on} and {@code yes} stay strings, {@code 0o10} is an int, {@code .inf} a float.
 */
final class ScalarResolver {
    private ScalarResolver() {
    }

    static ScalarType resolvePlain(String s) {
        int n = s.length();
        if (n == 0) {
            return ScalarType.NULL;
        }
        char c = s.charAt(0);
        switch (c) {
            case '~':
                return n == 1 ? ScalarType.NULL : ScalarType.STRING;
            case 'n', 'N':
                return isOneOf(s, "null", "Null", "NULL") ? ScalarType.NULL : ScalarType.STRING;
            case 't', 'T', 'f', 'F':
                return isOneOf(s, "true", "True", "TRUE") || isOneOf(s, "false", "False", "FALSE")
                        ? ScalarType.BOOL : ScalarType.STRING;
            case '.':
                if (isOneOf(s, ".nan", ".NaN", ".NAN") || isInf(s, 0)) {
                    return ScalarType.FLOAT;
                }
                break;
            default:
                break;
        }
        if (n > 2 && c == '0' && (s.charAt(1) == 'o' || s.charAt(1) == 'x')) {
            boolean hex = s.charAt(1) == 'x';
            for (int i = 2; i < n; i++) {
                char d = s.charAt(i);
                boolean ok = hex ? Character.digit(d, 16) >= 0 && d < 128 : d >= '0' && d <= '7';
                if (!ok) {
                    return ScalarType.STRING;
                }
            }
            return ScalarType.INT;
        }
        int i = 0;
        if (c == '-' || c == '+') {
            i = 1;
            if (isInf(s, 1)) {
                return ScalarType.FLOAT;
            }
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (i == n) {
            return intDigits > 0 ? ScalarType.INT : ScalarType.STRING;
        }
        int fracDigits = 0;
        if (s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return ScalarType.STRING;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return ScalarType.STRING;
            }
        }
        return i == n ? ScalarType.FLOAT : ScalarType.STRING;
    }

    /** Whether {@code value} is a valid instance of an explicitly tagged core type. */
    static boolean matches(String value, ScalarType type) {
        if (type == ScalarType.STRING) {
            return true;
        }
        ScalarType actual = resolvePlain(value);
        return actual == type || (type == ScalarType.FLOAT && actual == ScalarType.INT);
    }

    static double toDouble(String s, ScalarType type) {
        String t = s;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        double v;
        if (t.equalsIgnoreCase(".inf")) {
            v = Double.POSITIVE_INFINITY;
        } else if (t.equalsIgnoreCase(".nan")) {
            v = Double.NaN;
        } else if (t.startsWith("0x")) {
            v = parseRadix(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            v = parseRadix(t.substring(2), 8);
        } else {
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        return negative ? -v : v;
    }

    /** A number as GitHub prints it: integers without a fraction, others in shortest form. */
    static String numberText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static double parseRadix(String digits, int radix) {
        double v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * radix + Character.digit(digits.charAt(i), radix);
        }
        return v;
    }

    private static boolean isInf(String s, int from) {
        return s.length() - from == 4 && s.charAt(from) == '.'
                && isOneOf(s.substring(from), ".inf", ".Inf", ".INF");
    }

    private static boolean isOneOf(String s, String a, String b, String c) {
        return s.equals(a) || s.equals(b) || s.equals(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
