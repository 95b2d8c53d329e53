package dev.hearth.workflow.trigger;

import java.util.List;

/**
 * The glob patterns of one filter under an event: {@code branches}, {@code tags} or {@code paths}
 * ({@code ignore == false}), or their {@code -ignore} forms ({@code ignore == true}). GitHub forbids
 * both forms of one filter on one event, so a trigger holds at most one of each.
 */
public record PatternFilter(List<String> patterns, boolean ignore) {
    public PatternFilter {
        patterns = List.copyOf(patterns);
    }
}
