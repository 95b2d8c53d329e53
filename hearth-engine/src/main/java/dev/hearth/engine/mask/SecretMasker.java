package dev.hearth.engine.mask;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every secret in a text with {@code ***}. Thread-safe: {@link #mask} reads an immutable
 * automaton without locking; {@link #add} rebuilds it.
 *
 * <p>What {@link #add} registers for a value:
 * <ul>
 *   <li>the value itself, however short — a value someone asked to mask is masked, as GitHub does even
 *       for one character; an empty or whitespace-only value is never registered (it would blank the
 *       whole log, and GitHub refuses it too);</li>
 *   <li>for a multi-line value, each line (split at CR and LF) and each line trimmed of surrounding
 *       whitespace, because a program prints a multi-line secret one line at a time;</li>
 *   <li>for the value and each of those lines, its JSON-escaped, URL-encoded and base64 forms.</li>
 * </ul>
 * Lines and encoded forms shorter than {@value #MIN_PART_LENGTH} characters are left out: they carry
 * almost nothing of the secret (a {@code }} line of a JSON key, the {@code ==} of base64 padding) and
 * would blank unrelated text all over the log.
 *
 * <p>Occurrences that overlap or touch are masked as one stretch, so no part of any secret survives
 * between two masks.
 */
public final class SecretMasker {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The shortest line or encoded form of a secret that is registered on its own. */
    public static final int MIN_PART_LENGTH = 3;

    private final Object lock = new Object();
    /** Every registered string; guarded by {@link #lock}. */
    private final Set<String> patterns = new HashSet<>();
    private volatile MaskAutomaton automaton = MaskAutomaton.EMPTY;

    /** Registers a secret (see the class comment for what is registered); null and blank values are ignored. */
    public void add(String value) {
        addAll(value == null ? List.of() : List.of(value));
    }

    /** Registers several secrets with one rebuild. */
    public void addAll(Collection<String> values) {
        synchronized (lock) {
            boolean changed = false;
            for (String value : values) {
                changed |= register(value);
            }
            if (changed) {
                automaton = new MaskAutomaton(patterns);
            }
        }
    }

    private boolean register(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        Set<String> literals = new HashSet<>();
        literals.add(value);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("[\r\n]+")) {
                addPart(literals, line);
                addPart(literals, line.strip());
            }
        }
        boolean changed = false;
        for (String literal : literals) {
            changed |= patterns.add(literal);
            for (String form : SecretForms.encodings(literal)) {
                if (form.length() >= MIN_PART_LENGTH) {
                    changed |= patterns.add(form);
                }
            }
        }
        return changed;
    }

    private static void addPart(Set<String> literals, String part) {
        if (!part.isBlank() && part.length() >= MIN_PART_LENGTH) {
            literals.add(part);
        }
    }

    /** {@code text} with every registered secret replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        return automaton.replace(text, MASK);
    }

    /** Whether no secret is registered (masking then returns every text unchanged). */
    public boolean isEmpty() {
        return automaton.isEmpty();
    }

    /** How many strings (secrets, their lines and their encoded forms) are being looked for. */
    public int patternCount() {
        return automaton.patternCount();
    }
}
