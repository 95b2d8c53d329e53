package dev.hearth.expressions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Number conversions with JavaScript's rules, which GitHub's expression language follows:
 * string-to-number as {@code Number(s)} (trimmed, empty is 0, hex/octal/binary prefixes,
 * {@code Infinity}), number-to-string as {@code Number.prototype.toString}, and GitHub's
 * 15-decimal rounding when numbers are coerced to strings.
 */
final class JsNumbers {
    private JsNumbers() {
    }

    /** JavaScript's WhiteSpace and LineTerminator characters (what {@code \s} and trim() use). */
    static boolean isJsWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (c < 0xa0) return false;
        return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
    }

    /** JavaScript's String.prototype.trim(). */
    static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isJsWhitespace(s.charAt(from))) from++;
        while (to > from && isJsWhitespace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    static double parse(String s) {
        return parse(s, 0, s.length());
    }

    /** {@code Number(s.substring(from, to))}; NaN when it is not a number. */
    static double parse(String s, int from, int to) {
        while (from < to && isJsWhitespace(s.charAt(from))) from++;
        while (to > from && isJsWhitespace(s.charAt(to - 1))) to--;
        if (from == to) return 0;
        char c0 = s.charAt(from);
        if (c0 == '0' && to - from > 2) {
            char p = s.charAt(from + 1);
            int radix = switch (p) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) return parseRadix(s, from + 2, to, radix);
        }
        int i = from;
        boolean negative = false;
        if (c0 == '+' || c0 == '-') {
            negative = c0 == '-';
            i++;
        }
        if (to - i == 8 && s.startsWith("Infinity", i)) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // Decimal literal: digits [. digits] [e [+-] digits], at least one mantissa digit.
        int digits = 0;
        long mantissa = 0;
        boolean simple = true; // only digits, fits a long exactly: no need for Double.parseDouble
        while (i < to && isDigit(s.charAt(i))) {
            if (digits < 15) mantissa = mantissa * 10 + (s.charAt(i) - '0');
            else simple = false;
            digits++;
            i++;
        }
        if (i < to && s.charAt(i) == '.') {
            simple = false;
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                digits++;
                i++;
            }
        }
        if (digits == 0) return Double.NaN;
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            simple = false;
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                expDigits++;
                i++;
            }
            if (expDigits == 0) return Double.NaN;
        }
        if (i != to) return Double.NaN;
        if (simple) return negative ? -(double) mantissa : (double) mantissa;
        return Double.parseDouble(s.substring(from, to));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static double parseRadix(String s, int from, int to, int radix) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) > 'z') return Double.NaN;
        }
        if (to - from <= 12) return Long.parseLong(s, from, to, radix);
        return new BigInteger(s.substring(from, to), radix).doubleValue();
    }

    /**
     * GitHub's number-to-string coercion: 0 for both zeros, otherwise the number rounded to
     * 15 decimals and printed as JavaScript does (so 0.84551240822557006 prints 0.84551240822557).
     */
    static String format(double d) {
        if (d == 0) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e21) return toJsString(d);
        String shortest = Double.toString(Math.abs(d));
        if (fractionDigits(shortest) <= 15) return toJsString(d);
        double rounded = new BigDecimal(d).setScale(15, RoundingMode.HALF_UP).doubleValue();
        return rounded == 0 ? "0" : toJsString(rounded);
    }

    /** Digits after the decimal point when Java's shortest representation is written out plainly. */
    private static int fractionDigits(String javaRepr) {
        int e = javaRepr.indexOf('E');
        int dot = javaRepr.indexOf('.');
        if (e < 0) {
            int len = javaRepr.length();
            if (len - dot == 2 && javaRepr.charAt(len - 1) == '0') return 0;
            return len - dot - 1;
        }
        int exp = Integer.parseInt(javaRepr, e + 1, javaRepr.length(), 10);
        int mantissaFraction = e - dot - 1;
        if (mantissaFraction == 1 && javaRepr.charAt(e - 1) == '0') mantissaFraction = 0;
        return Math.max(0, mantissaFraction - exp);
    }

    /**
     * Java's shortest round-trip digits, except that Java never prints fewer than two significant
     * digits and then picks the closest two (4.9E-324) where JavaScript prints one (5e-324).
     */
    private static String shortest(double positive) {
        String repr = Double.toString(positive);
        int e = repr.indexOf('E');
        if (e != 3 || repr.charAt(1) != '.' || repr.charAt(2) == '0') return repr;
        int first = repr.charAt(0) - '0';
        String exp = repr.substring(e);
        // Try the one-digit rounding closest to the two digits first, as JavaScript picks the closest.
        int[] candidates = repr.charAt(2) >= '5' ? new int[] {first + 1, first} : new int[] {first, first + 1};
        for (int candidate : candidates) {
            String one = candidate == 10 ? "1.0E" + (Integer.parseInt(exp.substring(1)) + 1) : candidate + ".0" + exp;
            if (Double.parseDouble(one) == positive) return one;
        }
        return repr;
    }

    /** JavaScript's {@code Number.prototype.toString()} (shortest round-trip digits, JS layout). */
    static String toJsString(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (d == Double.POSITIVE_INFINITY) return "Infinity";
        if (d == Double.NEGATIVE_INFINITY) return "-Infinity";
        if (d == 0) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) return Long.toString((long) d); // exact below 2^53
        // Java 19+ prints the shortest digits that round-trip, like JavaScript; only the layout differs.
        String repr = shortest(Math.abs(d));
        int e = repr.indexOf('E');
        String mantissa = e < 0 ? repr : repr.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(repr, e + 1, repr.length(), 10);
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int n = dot + exp; // the value is 0.digits × 10^n
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
        digits.delete(0, lead);
        n -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits.setLength(end);
        int k = digits.length();
        StringBuilder out = new StringBuilder(24);
        if (d < 0) out.append('-');
        if (k <= n && n <= 21) {
            out.append(digits);
            for (int i = 0; i < n - k; i++) out.append('0');
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = 0; i < -n; i++) out.append('0');
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) out.append('.').append(digits, 1, k);
            out.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
        }
        return out.toString();
    }
}
