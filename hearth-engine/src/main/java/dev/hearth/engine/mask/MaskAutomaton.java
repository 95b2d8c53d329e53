package dev.hearth.engine.mask;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Aho–Corasick automaton over a set of literal strings: one left-to-right pass finds every
 * occurrence of every string, overlapping ones included, whatever characters they contain (no regular
 * expressions, so no escaping of metacharacters). Built once per set of secrets and shared by all threads.
 */
final class MaskAutomaton {
    static final MaskAutomaton EMPTY = new MaskAutomaton(List.of());

    private static final int ASCII = 128;

    /** Sorted child characters of each state. */
    private final char[][] keys;
    /** Child states, parallel to {@link #keys}. */
    private final int[][] children;
    /** The root's children for ASCII characters, -1 when none: most log text is ASCII and starts at the root. */
    private final int[] rootAscii;
    /** Where to continue when a state has no child for the next character. */
    private final int[] fail;
    /** Length of the longest pattern that ends at a state (its own or a suffix's), 0 when none. */
    private final int[] longest;
    private final int patternCount;

    MaskAutomaton(Collection<String> patterns) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<Integer> ownLength = new ArrayList<>();
        trie.add(new HashMap<>());
        ownLength.add(0);
        int count = 0;
        for (String pattern : patterns) {
            if (pattern == null || pattern.isEmpty()) {
                continue;
            }
            count++;
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                Integer next = trie.get(state).get(pattern.charAt(i));
                if (next == null) {
                    next = trie.size();
                    trie.get(state).put(pattern.charAt(i), next);
                    trie.add(new HashMap<>());
                    ownLength.add(0);
                }
                state = next;
            }
            ownLength.set(state, pattern.length());
        }
        patternCount = count;

        int size = trie.size();
        keys = new char[size][];
        children = new int[size][];
        for (int s = 0; s < size; s++) {
            Map<Character, Integer> edges = trie.get(s);
            char[] k = new char[edges.size()];
            int i = 0;
            for (char c : edges.keySet()) {
                k[i++] = c;
            }
            Arrays.sort(k);
            int[] c = new int[k.length];
            for (i = 0; i < k.length; i++) {
                c[i] = edges.get(k[i]);
            }
            keys[s] = k;
            children[s] = c;
        }
        rootAscii = new int[ASCII];
        Arrays.fill(rootAscii, -1);
        for (int i = 0; i < keys[0].length; i++) {
            if (keys[0][i] < ASCII) {
                rootAscii[keys[0][i]] = children[0][i];
            }
        }

        // Breadth first, so a state's failure target (always shallower) is complete before the state.
        fail = new int[size];
        longest = new int[size];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : children[0]) {
            fail[child] = 0;
            longest[child] = ownLength.get(child);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int i = 0; i < keys[state].length; i++) {
                char c = keys[state][i];
                int child = children[state][i];
                int f = fail[state];
                int target;
                while ((target = child(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target < 0 ? 0 : target;
                longest[child] = Math.max(ownLength.get(child), longest[fail[child]]);
                queue.add(child);
            }
        }
    }

    int patternCount() {
        return patternCount;
    }

    boolean isEmpty() {
        return patternCount == 0;
    }

    /**
     * Replaces every stretch of {@code text} covered by an occurrence of a pattern with
     * {@code replacement}; occurrences that overlap or touch become one stretch.
     *
     * @return {@code text} itself when nothing matched
     */
    String replace(String text, String replacement) {
        if (patternCount == 0 || text.isEmpty()) {
            return text;
        }
        int[] starts = null;
        int[] ends = null;
        int count = 0;
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i));
            int length = longest[state];
            if (length == 0) {
                continue;
            }
            int start = i + 1 - length;
            int end = i + 1;
            if (starts == null) {
                starts = new int[4];
                ends = new int[4];
            }
            // Stretches arrive ordered by end; a new one swallows every earlier one it overlaps or touches.
            while (count > 0 && ends[count - 1] >= start) {
                count--;
                start = Math.min(start, starts[count]);
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }
        if (count == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int i = 0; i < count; i++) {
            out.append(text, from, starts[i]).append(replacement);
            from = ends[i];
        }
        return out.append(text, from, text.length()).toString();
    }

    private int step(int state, char c) {
        while (true) {
            int next = child(state, c);
            if (next >= 0) {
                return next;
            }
            if (state == 0) {
                return 0;
            }
            state = fail[state];
        }
    }

    private int child(int state, char c) {
        if (state == 0 && c < ASCII) {
            return rootAscii[c];
        }
        char[] k = keys[state];
        if (k.length <= 8) {
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return children[state][i];
                }
            }
            return -1;
        }
        int i = Arrays.binarySearch(k, c);
        return i >= 0 ? children[state][i] : -1;
    }
}
