package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The built-in functions, with GitHub's coercions and error messages. */
final class Functions {
    private Functions() {
    }

    static Value call(Evaluator ev, Node.Call call) {
        List<Node> argNodes = call.arguments();
        int n = argNodes.size();
        Value[] args = new Value[n];
        for (int i = 0; i < n; i++) args[i] = ev.eval(argNodes.get(i));
        return switch (call.function()) {
            case CONTAINS -> Value.of(contains(args[0], args[1]));
            case STARTS_WITH -> Value.of(affix(args[0], args[1], true));
            case ENDS_WITH -> Value.of(affix(args[0], args[1], false));
            case FORMAT -> Value.of(format(ev, args));
            case JOIN -> join(ev, args);
            case TO_JSON -> Value.of(JsonText.write(args[0], ev));
            case FROM_JSON -> fromJson(ev, args[0]);
            case CASE -> caseOf(args);
            case HASH_FILES -> hashFiles(ev, args);
            case SUCCESS, ALWAYS, FAILURE, CANCELLED -> Value.of(ev.context().status(call.function()));
        };
    }

    static boolean contains(Value haystack, Value needle) {
        if (haystack.isPrimitive()) {
            if (!needle.isPrimitive()) return false;
            String h = Coercion.toStr(haystack);
            String s = Coercion.toStr(needle);
            if (Coercion.isAscii(h) && Coercion.isAscii(s)) return asciiIndexOfIgnoreCase(h, s) >= 0;
            return h.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT));
        }
        if (haystack instanceof ArrayValue a) {
            for (Value item : a.items()) {
                if (Coercion.equal(needle, item)) return true;
            }
        }
        return false;
    }

    private static int asciiIndexOfIgnoreCase(String h, String s) {
        int max = h.length() - s.length();
        for (int i = 0; i <= max; i++) {
            if (h.regionMatches(true, i, s, 0, s.length())) return i;
        }
        return -1;
    }

    static boolean affix(Value string, Value affix, boolean prefix) {
        if (!string.isPrimitive() || !affix.isPrimitive()) return false;
        String s = Coercion.toStr(string);
        String a = Coercion.toStr(affix);
        if (Coercion.isAscii(s) && Coercion.isAscii(a)) {
            if (a.length() > s.length()) return false;
            return s.regionMatches(true, prefix ? 0 : s.length() - a.length(), a, 0, a.length());
        }
        String us = Coercion.upper(s);
        String ua = Coercion.upper(a);
        return prefix ? us.startsWith(ua) : us.endsWith(ua);
    }

    /**
     * {@code format('{0} {1}', a, b)} with {@code {{ }}} escapes, following GitHub's scanner. Two
     * passes over the format string: the first validates and measures (so the memory budget fails
     * before anything is built), the second collects the pieces, which String.join copies once.
     */
    static String format(Evaluator ev, Value[] args) {
        String fs = Coercion.toStr(args[0]);
        String[] converted = new String[args.length];
        long length = scanFormat(fs, args, converted, null);
        ev.charge(length);
        ArrayList<String> out = new ArrayList<>();
        scanFormat(fs, args, converted, out);
        return out.size() == 1 ? out.get(0) : String.join("", out);
    }

    /** Validates {@code fs}; adds the result's pieces to {@code out} when given; returns the result's length. */
    private static long scanFormat(String fs, Value[] args, String[] converted, List<String> out) {
        int len = fs.length();
        long length = 0;
        int index = 0;
        int lbrace = fs.indexOf('{');
        int rbrace = fs.indexOf('}');
        while (index < len) {
            if (lbrace >= 0 && lbrace < index) lbrace = fs.indexOf('{', index);
            if (rbrace >= 0 && rbrace < index) rbrace = fs.indexOf('}', index);
            if (lbrace >= 0 && (rbrace < 0 || rbrace > lbrace)) {
                if (lbrace + 1 < len && fs.charAt(lbrace + 1) == '{') {
                    if (out != null) out.add(fs.substring(index, lbrace + 1));
                    length += lbrace + 1 - index;
                    index = lbrace + 2;
                    continue;
                }
                if (rbrace > lbrace + 1) {
                    int digitsEnd = lbrace + 1;
                    while (digitsEnd < len && fs.charAt(digitsEnd) >= '0' && fs.charAt(digitsEnd) <= '9') digitsEnd++;
                    if (digitsEnd > lbrace + 1) {
                        // GitHub ignores whatever follows the digits up to the brace (a .NET format specifier).
                        long argIndex = digitsEnd - lbrace - 1 > 9 ? Long.MAX_VALUE
                                : Long.parseLong(fs, lbrace + 1, digitsEnd, 10);
                        if (argIndex >= args.length - 1) {
                            throw ExpressionException.evaluation(
                                    "The following format string references more arguments than were supplied: " + fs);
                        }
                        int a = 1 + (int) argIndex;
                        String arg = converted[a];
                        if (arg == null) arg = converted[a] = Coercion.toStr(args[a]);
                        if (out != null) {
                            if (lbrace > index) out.add(fs.substring(index, lbrace));
                            out.add(arg);
                        }
                        length += lbrace - index + arg.length();
                        index = rbrace + 1;
                        continue;
                    }
                }
                throw invalidFormat(fs);
            } else if (rbrace >= 0) {
                if (rbrace + 1 < len && fs.charAt(rbrace + 1) == '}') {
                    if (out != null) out.add(fs.substring(index, rbrace + 1));
                    length += rbrace + 1 - index;
                    index = rbrace + 2;
                } else {
                    throw invalidFormat(fs);
                }
            } else {
                if (out != null) out.add(index == 0 ? fs : fs.substring(index));
                length += len - index;
                break;
            }
        }
        return length;
    }

    private static ExpressionException invalidFormat(String fs) {
        return ExpressionException.evaluation("The following format string is invalid: " + fs);
    }

    static Value join(Evaluator ev, Value[] args) {
        Value first = args[0];
        if (first.isPrimitive()) return Value.of(Coercion.toStr(first));
        if (!(first instanceof ArrayValue a)) return Value.EMPTY_STRING;
        String separator = args.length > 1 && args[1].isPrimitive() ? Coercion.toStr(args[1]) : ",";
        StringBuilder out = new StringBuilder();
        List<Value> items = a.items();
        for (int i = 0, n = items.size(); i < n; i++) {
            if (i > 0) out.append(separator);
            out.append(Coercion.toStr(items.get(i)));
            if (!ev.fits(out.length())) ev.charge(out.length());
        }
        ev.charge(out.length());
        return Value.of(out.toString());
    }

    static Value fromJson(Evaluator ev, Value input) {
        String text = Coercion.toStr(input);
        if (JsonText.isBlank(text)) {
            throw ExpressionException.evaluation("Error parsing fromJson: empty input");
        }
        ev.charge(text.length());
        return JsonText.read(text);
    }

    static Value caseOf(Value[] args) {
        for (int i = 0; i < args.length - 1; i += 2) {
            if (!(args[i] instanceof Value.Bool b)) {
                throw ExpressionException.evaluation("case predicate must evaluate to a boolean value");
            }
            if (b.value()) return args[i + 1];
        }
        return args[args.length - 1];
    }

    static Value hashFiles(Evaluator ev, Value[] args) {
        List<String> patterns = new ArrayList<>(args.length);
        for (Value v : args) patterns.add(Coercion.toStr(v));
        return Value.of(ev.context().hashFiles(patterns));
    }
}
