package dev.hearth.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random patterns and inputs: the shaped fast paths, the DFA and the plain NFA must agree with each
 * other and with a regular expression written from GitHub's documented semantics (test-only oracle).
 */
class GlobDifferentialTest {

    private static final String[] PIECES = {"a", "b", "/", ".", "-", "*", "**", "**/", "?", "+", "[ab]", "[a-c]",
        "\\*", "\\+", "ab", "/a/", "x"};
    private static final char[] INPUT_CHARS = {'a', 'b', 'c', '/', '.', '-', '*', '+', 'x', 'é'};

    /** The documented semantics as a regex: * no slash, ** anything, **\/ leading dirs, ? and + quantify. */
    private static Pattern oracle(String glob) {
        StringBuilder r = new StringBuilder();
        int i = 0;
        boolean quantifiable = false;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (glob.startsWith("**/", i)) {
                    r.append("(?:.+/)?");
                    i += 3;
                } else if (glob.startsWith("**", i)) {
                    r.append(".*");
                    i += 2;
                } else {
                    r.append("[^/]*");
                    i++;
                }
                quantifiable = false;
            } else if (c == '?' || c == '+') {
                if (quantifiable) {
                    r.append(c == '?' ? "?" : "+");
                    quantifiable = false;
                } else if (r.isEmpty()) {
                    r.append(Pattern.quote(String.valueOf(c)));
                    quantifiable = true;
                }
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i);
                r.append(glob, i, close + 1);
                i = close + 1;
                quantifiable = true;
            } else if (c == '\\') {
                r.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
                quantifiable = true;
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
                i++;
                quantifiable = true;
            }
        }
        return Pattern.compile(r.toString(), Pattern.DOTALL);
    }

    @Test
    void allMatchersAgree() {
        Random random = new Random(20261121);
        int checked = 0;
        for (int p = 0; p < 3000; p++) {
            StringBuilder pattern = new StringBuilder();
            int pieces = 1 + random.nextInt(5);
            for (int k = 0; k < pieces; k++) {
                pattern.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String glob = pattern.toString();
            Glob fast = Glob.compile(glob);
            Glob dfa = Glob.compileAutomaton(glob, true);
            Glob nfa = Glob.compileAutomaton(glob, false);
            Pattern regex = oracle(glob);
            for (int k = 0; k < 40; k++) {
                StringBuilder in = new StringBuilder();
                int len = random.nextInt(9);
                for (int j = 0; j < len; j++) {
                    in.append(INPUT_CHARS[random.nextInt(INPUT_CHARS.length)]);
                }
                // half the inputs are built from the pattern's own characters, so matches are common
                String input = k % 2 == 0 ? in.toString() : glob.replace("**", "a/b").replace("*", "ab")
                        .replace("?", "").replace("+", "").replace("\\", "").replace("[ab]", "a").replace("[a-c]", "c")
                        + (k % 4 == 1 ? in : "");
                boolean expected = regex.matcher(input).matches();
                assertThat(fast.matches(input)).as("%s ~ %s (shaped)", glob, input).isEqualTo(expected);
                assertThat(dfa.matches(input)).as("%s ~ %s (dfa)", glob, input).isEqualTo(expected);
                assertThat(nfa.matches(input)).as("%s ~ %s (nfa)", glob, input).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(120_000);
    }
}
