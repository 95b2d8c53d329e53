package dev.hearth.expressions;

import java.util.Locale;

/**
 * GitHub's loose typing: truthiness, string and number conversion, and the comparison rules
 * (like JavaScript's abstract equality, except strings compare ignoring case and arrays and
 * objects are never converted: they are equal only to themselves).
 */
final class Coercion {
    private Coercion() {
    }

    static boolean truthy(Value v) {
        return switch (v) {
            case Value.Null n -> false;
            case Value.Bool b -> b.value();
            case Value.Num n -> n.value() != 0 && !Double.isNaN(n.value());
            case Value.Str s -> !s.value().isEmpty();
            default -> true;
        };
    }

    static String toStr(Value v) {
        return switch (v) {
            case Value.Str s -> s.value();
            case Value.Null n -> "";
            case Value.Bool b -> b.value() ? "true" : "false";
            case Value.Num n -> JsNumbers.format(n.value());
            case ArrayValue a -> "Array";
            case ObjectValue o -> "Object";
        };
    }

    static double toNumber(Value v) {
        return switch (v) {
            case Value.Num n -> n.value();
            case Value.Null n -> 0;
            case Value.Bool b -> b.value() ? 1 : 0;
            case Value.Str s -> JsNumbers.parse(s.value());
            default -> Double.NaN;
        };
    }

    static boolean equal(Value l, Value r) {
        if (l.kind() == r.kind()) {
            return switch (l) {
                case Value.Null n -> true;
                case Value.Num n -> n.value() == ((Value.Num) r).value();
                case Value.Str s -> compareIgnoreCase(s.value(), ((Value.Str) r).value()) == 0;
                case Value.Bool b -> b.value() == ((Value.Bool) r).value();
                default -> l == r;
            };
        }
        if (!l.isPrimitive() || !r.isPrimitive()) return false;
        // Primitives of different kinds always end up compared as numbers.
        return toNumber(l) == toNumber(r);
    }

    /** What {@link #order} answers when neither {@code <} nor {@code >} holds and they are not equal (NaN, objects). */
    static final int UNORDERED = 2;

    /** -1, 0 or 1 as l is less than, equal to or greater than r under GitHub's coercions, else {@link #UNORDERED}. */
    static int order(Value l, Value r) {
        if (l.kind() == r.kind()) {
            return switch (l) {
                case Value.Num n -> compareNumbers(n.value(), ((Value.Num) r).value());
                case Value.Str s -> Integer.signum(compareIgnoreCase(s.value(), ((Value.Str) r).value()));
                case Value.Bool b -> Boolean.compare(b.value(), ((Value.Bool) r).value());
                default -> UNORDERED;
            };
        }
        if (!l.isPrimitive() || !r.isPrimitive()) return UNORDERED;
        return compareNumbers(toNumber(l), toNumber(r));
    }

    private static int compareNumbers(double a, double b) {
        if (a < b) return -1;
        if (a > b) return 1;
        return a == b ? 0 : UNORDERED;
    }

    /**
     * Compares by upper-casing both strings (GitHub's OrdinalIgnoreCase), leaving the dotless
     * {@code ı} alone as GitHub does. ASCII prefixes are compared without allocating.
     */
    static int compareIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        for (; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 0x80 || y >= 0x80) {
                return upper(a.substring(i)).compareTo(upper(b.substring(i)));
            }
            if (x != y) {
                if (x >= 'a' && x <= 'z') x -= 32;
                if (y >= 'a' && y <= 'z') y -= 32;
                if (x != y) return x - y;
            }
        }
        if (a.length() == b.length()) return 0;
        // The longer one may continue with non-ASCII text whose upper case is longer still; compare fully.
        return upper(a.substring(i)).compareTo(upper(b.substring(i)));
    }

    /** Upper case except the dotless i, which GitHub keeps as is. */
    static String upper(String s) {
        int dotless = s.indexOf('\u0131');
        if (dotless < 0) return s.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(s.length());
        int from = 0;
        while (dotless >= 0) {
            sb.append(s.substring(from, dotless).toUpperCase(Locale.ROOT)).append('\u0131');
            from = dotless + 1;
            dotless = s.indexOf('\u0131', from);
        }
        return sb.append(s.substring(from).toUpperCase(Locale.ROOT)).toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }
}
