package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON text for toJSON and fromJSON, written by hand so both follow JavaScript's
 * {@code JSON.stringify(v, null, 2)} / {@code JSON.parse} exactly and charge the memory budget
 * as they go.
 */
final class JsonText {
    private JsonText() {
    }

    // ---- writing ----

    /** Pretty JSON with two-space indentation, as GitHub's toJSON prints it. */
    static String write(Value value, Evaluator budget) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0, budget);
        if (budget != null) budget.charge(sb.length());
        return sb.toString();
    }

    private static void write(Value value, StringBuilder sb, int indent, Evaluator budget) {
        if (budget != null && !budget.fits(sb.length())) budget.charge(sb.length());
        switch (value) {
            case Value.Null n -> sb.append("null");
            case Value.Bool b -> sb.append(b.value());
            case Value.Num n -> sb.append(Double.isFinite(n.value()) ? JsNumbers.toJsString(n.value()) : "null");
            case Value.Str s -> quote(s.value(), sb);
            case ArrayValue a -> {
                if (a.size() == 0) {
                    sb.append("[]");
                    return;
                }
                sb.append("[\n");
                List<Value> items = a.items();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) sb.append(",\n");
                    indent(sb, indent + 1);
                    write(items.get(i), sb, indent + 1, budget);
                }
                sb.append('\n');
                indent(sb, indent);
                sb.append(']');
            }
            case ObjectValue o -> {
                if (o.size() == 0) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                List<String> keys = o.keys();
                List<Value> values = o.values();
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) sb.append(",\n");
                    indent(sb, indent + 1);
                    quote(keys.get(i), sb);
                    sb.append(": ");
                    write(values.get(i), sb, indent + 1, budget);
                }
                sb.append('\n');
                indent(sb, indent);
                sb.append('}');
            }
        }
    }

    private static void indent(StringBuilder sb, int level) {
        for (int i = 0; i < level; i++) sb.append("  ");
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        int n = s.length();
        int run = 0; // start of the pending unescaped run
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String esc = null;
            boolean unicode = false;
            switch (c) {
                case '"' -> esc = "\\\"";
                case '\\' -> esc = "\\\\";
                case '\b' -> esc = "\\b";
                case '\f' -> esc = "\\f";
                case '\n' -> esc = "\\n";
                case '\r' -> esc = "\\r";
                case '\t' -> esc = "\\t";
                default -> {
                    if (c < 0x20) unicode = true;
                    else if (Character.isSurrogate(c)) {
                        // Well-formed pairs pass through; lone surrogates are escaped, as JSON.stringify does.
                        boolean paired = Character.isHighSurrogate(c)
                                ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                        unicode = !paired;
                    }
                }
            }
            if (esc == null && !unicode) continue;
            sb.append(s, run, i);
            if (esc != null) sb.append(esc);
            else sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            run = i + 1;
        }
        sb.append(s, run, n).append('"');
    }

    // ---- reading ----

    /** True when JavaScript's trim() would leave nothing. */
    static boolean isBlank(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!JsNumbers.isJsWhitespace(s.charAt(i))) return false;
        }
        return true;
    }

    static Value read(String text) {
        Reader r = new Reader(text);
        r.skipWhitespace();
        Value v = r.value(0);
        r.skipWhitespace();
        if (r.pos != text.length()) throw r.error();
        return v;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        ExpressionException error() {
            String where = pos < s.length() ? "unexpected '" + s.charAt(pos) + "' at position " + pos : "unexpected end of input";
            return ExpressionException.evaluation("Error parsing fromJson: " + where);
        }

        Value value(int depth) {
            if (pos >= s.length()) throw error();
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return Value.of(string());
                case 't':
                    return literal("true", Value.TRUE);
                case 'f':
                    return literal("false", Value.FALSE);
                case 'n':
                    return literal("null", Value.NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error();
            }
        }

        private Value literal(String word, Value v) {
            if (!s.startsWith(word, pos)) throw error();
            pos += word.length();
            return v;
        }

        private void checkDepth(int depth) {
            if (depth > Limits.MAX_JSON_DEPTH) {
                throw ExpressionException.evaluation("Error parsing fromJson: nested deeper than " + Limits.MAX_JSON_DEPTH);
            }
        }

        private Value object(int depth) {
            checkDepth(depth);
            pos++;
            ObjectValue.Builder b = ObjectValue.builder();
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return b.build();
            }
            while (true) {
                skipWhitespace();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error();
                String key = string();
                skipWhitespace();
                if (pos >= s.length() || s.charAt(pos) != ':') throw error();
                pos++;
                skipWhitespace();
                b.put(key, value(depth));
                skipWhitespace();
                if (pos >= s.length()) throw error();
                char c = s.charAt(pos++);
                if (c == '}') return b.build();
                if (c != ',') {
                    pos--;
                    throw error();
                }
            }
        }

        private Value array(int depth) {
            checkDepth(depth);
            pos++;
            ArrayList<Value> items = new ArrayList<>();
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return ArrayValue.adopt(items);
            }
            while (true) {
                skipWhitespace();
                items.add(value(depth));
                skipWhitespace();
                if (pos >= s.length()) throw error();
                char c = s.charAt(pos++);
                if (c == ']') return ArrayValue.adopt(items);
                if (c != ',') {
                    pos--;
                    throw error();
                }
            }
        }

        private String string() {
            int start = ++pos;
            StringBuilder sb = null;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                    pos++;
                    return out;
                }
                if (c < 0x20) throw error();
                if (c == '\\') {
                    if (sb == null) sb = new StringBuilder();
                    sb.append(s, start, pos);
                    pos++;
                    if (pos >= s.length()) throw error();
                    char e = s.charAt(pos);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 >= s.length()) throw error();
                            int code = 0;
                            for (int k = 1; k <= 4; k++) {
                                int d = Character.digit(s.charAt(pos + k), 16);
                                if (d < 0 || s.charAt(pos + k) > 'f') throw error();
                                code = code * 16 + d;
                            }
                            sb.append((char) code);
                            pos += 4;
                        }
                        default -> throw error();
                    }
                    pos++;
                    start = pos;
                    continue;
                }
                pos++;
            }
            throw error();
        }

        private Value number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            if (pos >= s.length()) throw error();
            char c = s.charAt(pos);
            if (c == '0') {
                pos++;
            } else if (c >= '1' && c <= '9') {
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            } else {
                throw error();
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int d = pos;
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
                if (pos == d) throw error();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                int d = pos;
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
                if (pos == d) throw error();
            }
            return Value.of(JsNumbers.parse(s, start, pos));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
