package dev.hearth.workflow.trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Glob}'s NFA turned into a DFA ahead of time, so matching costs one table lookup per
 * character. Characters are grouped into classes that every NFA state treats alike; only patterns
 * whose literal characters and ranges are ASCII get a DFA, because then every non-ASCII character
 * behaves like any other character outside the pattern. Patterns whose DFA would be large keep the NFA.
 */
final class GlobDfa {

    private static final int MAX_STATES = 256;
    static final int DEAD = 0;

    private final byte[] asciiClass;  // class of each ASCII char
    private final int otherClass;     // class of every non-ASCII char
    private final int classCount;
    private final int[] table;        // table[state * classCount + class] = next state
    private final boolean[] accepting;

    private GlobDfa(byte[] asciiClass, int otherClass, int classCount, int[] table, boolean[] accepting) {
        this.asciiClass = asciiClass;
        this.otherClass = otherClass;
        this.classCount = classCount;
        this.table = table;
        this.accepting = accepting;
    }

    boolean matches(String input) {
        int state = 1; // the start state; 0 is the dead state
        byte[] ascii = asciiClass;
        int[] t = table;
        int width = classCount;
        for (int i = 0, n = input.length(); i < n; i++) {
            char c = input.charAt(i);
            state = t[state * width + (c < 128 ? ascii[c] : otherClass)];
            if (state == DEAD) {
                return false;
            }
        }
        return accepting[state];
    }

    /**
     * Builds the DFA, or returns null when the pattern does not qualify (non-ASCII literals, 63 or
     * more NFA states, or more than {@value #MAX_STATES} DFA states).
     *
     * @param consumes per NFA state, the ASCII chars (bit per char, two longs) it consumes, plus
     *                 whether it consumes non-ASCII chars
     */
    static GlobDfa build(long[][] consumes, boolean[] consumesOther, int[] next, int[] eps, int accept) {
        int n = next.length;
        if (accept >= 63) {
            return null;
        }
        // Signature of a char: the set of NFA states that consume it. Equal signatures form one class.
        Map<Long, Integer> classBySignature = new HashMap<>();
        List<Long> signatures = new ArrayList<>();
        byte[] asciiClass = new byte[128];
        for (int c = 0; c < 128; c++) {
            long sig = 0;
            for (int s = 0; s < n; s++) {
                if ((consumes[s][c >>> 6] & (1L << (c & 63))) != 0) {
                    sig |= 1L << s;
                }
            }
            asciiClass[c] = (byte) classIndex(sig, classBySignature, signatures);
        }
        long otherSig = 0;
        for (int s = 0; s < n; s++) {
            if (consumesOther[s]) {
                otherSig |= 1L << s;
            }
        }
        int otherClass = classIndex(otherSig, classBySignature, signatures);
        int classCount = signatures.size();
        if (classCount > 127) {
            return null;
        }

        Map<Long, Integer> stateBySet = new HashMap<>();
        List<Long> sets = new ArrayList<>();
        sets.add(0L);                          // DEAD
        stateBySet.put(0L, DEAD);
        long start = closure(1L, eps);
        sets.add(start);
        stateBySet.put(start, 1);
        List<int[]> rows = new ArrayList<>();
        for (int d = 0; d < sets.size(); d++) {
            long set = sets.get(d);
            int[] row = new int[classCount];
            for (int k = 0; k < classCount; k++) {
                long moved = 0;
                long bits = set & signatures.get(k);
                while (bits != 0) {
                    int s = Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    moved |= 1L << next[s];
                }
                long target = closure(moved, eps);
                Integer known = stateBySet.get(target);
                if (known == null) {
                    if (sets.size() >= MAX_STATES) {
                        return null;
                    }
                    known = sets.size();
                    sets.add(target);
                    stateBySet.put(target, known);
                }
                row[k] = known;
            }
            rows.add(row);
        }
        int[] table = new int[rows.size() * classCount];
        boolean[] accepting = new boolean[rows.size()];
        for (int d = 0; d < rows.size(); d++) {
            System.arraycopy(rows.get(d), 0, table, d * classCount, classCount);
            accepting[d] = (sets.get(d) & (1L << accept)) != 0;
        }
        return new GlobDfa(asciiClass, otherClass, classCount, table, accepting);
    }

    private static int classIndex(long sig, Map<Long, Integer> bySignature, List<Long> signatures) {
        Integer k = bySignature.get(sig);
        if (k == null) {
            k = signatures.size();
            signatures.add(sig);
            bySignature.put(sig, k);
        }
        return k;
    }

    /** Epsilon moves only go forward, so one ascending pass over the set reaches them all. */
    private static long closure(long set, int[] eps) {
        long result = set;
        long bits = set;
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (s < eps.length && eps[s] >= 0 && (result & (1L << eps[s])) == 0) {
                result |= 1L << eps[s];
                bits |= 1L << eps[s];
            }
        }
        return result;
    }
}
