package dev.hearth.engine.context;

import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.UsesStep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Step ids as GitHub gives them, in a job and inside a composite action: the author's id, or a
 * generated one — {@code __run} for a script, {@code __actions_checkout} for {@code actions/checkout@v4}
 * — made unique with {@code _2}, {@code _3}.
 */
public final class StepIds {
    private final Set<String> used = new HashSet<>();
    /** The next suffix to try per generated base, so a job of n unnamed steps costs O(n), not O(n²). */
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    public String next(Step step) {
        if (step.id() != null) {
            used.add(step.id().toLowerCase(Locale.ROOT));
            return step.id();
        }
        String base = step instanceof UsesStep u ? "__" + sanitize(u.uses()) : "__run";
        String id = base;
        int n = nextSuffix.getOrDefault(base, 2);
        while (!used.add(id.toLowerCase(Locale.ROOT))) {
            id = base + "_" + n++;
        }
        nextSuffix.put(base, n);
        return id;
    }

    private static String sanitize(String uses) {
        String s = uses;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return b.toString().replaceAll("^_+", "");
    }
}
