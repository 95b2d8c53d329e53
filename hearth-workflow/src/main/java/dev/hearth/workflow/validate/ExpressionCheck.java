package dev.hearth.workflow.validate;

import dev.hearth.workflow.schema.Context;

/**
 * The bridge to the expression engine: checks one expression's syntax and the named values and
 * functions it uses against a key's {@link Context}.
 */
public final class ExpressionCheck {
    private ExpressionCheck() {
    }

    /** GitHub's message for what is wrong with {@code expression} at a key with this context, or null. */
    public static String check(String expression, Context context) {
        return null; // filled in once the expression parser is merged
    }

    /** Whether the expression calls success(), failure(), cancelled() or always() anywhere. */
    public static boolean callsStatusFunction(String expression) {
        // Interim scan until the expression parser is merged: identifiers followed by '(' outside strings.
        boolean inString = false;
        int n = expression.length();
        for (int i = 0; i < n; i++) {
            char c = expression.charAt(i);
            if (c == '\'') {
                inString = !inString;
                continue;
            }
            if (inString || !Character.isLetter(c) || (i > 0 && isIdent(expression.charAt(i - 1)))) {
                continue;
            }
            int j = i;
            while (j < n && isIdent(expression.charAt(j))) {
                j++;
            }
            String word = expression.substring(i, j).toLowerCase(java.util.Locale.ROOT);
            int k = j;
            while (k < n && expression.charAt(k) == ' ') {
                k++;
            }
            if (k < n && expression.charAt(k) == '(' && (word.equals("success") || word.equals("failure")
                    || word.equals("cancelled") || word.equals("always"))) {
                return true;
            }
            i = j - 1;
        }
        return false;
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
