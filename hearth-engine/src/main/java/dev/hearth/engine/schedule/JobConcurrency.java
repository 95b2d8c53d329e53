package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.context.Scope;
import dev.hearth.expressions.Expression;
import dev.hearth.workflow.model.Concurrency;
import dev.hearth.workflow.model.Workflow;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A job's or a called workflow's {@code concurrency:} evaluated and entered: the group's name and
 * {@code cancel-in-progress} from the expressions, then {@link ConcurrencyGroups}' rules. A group
 * already held by a workflow or job that called this one can never be had: GitHub cancels such a job
 * as a deadlock, and so does Hearth.
 */
final class JobConcurrency {
    private final ConcurrencyGroups groups = new ConcurrencyGroups();
    private final Runnable onInterrupt;

    /** @param onInterrupt what to do when a wait is interrupted (the run is being torn down) */
    JobConcurrency(Runnable onInterrupt) {
        this.onInterrupt = onInterrupt;
    }

    /** How a job or a called workflow got on with its concurrency group. */
    sealed interface Entry {
        /** It may run; {@code leave} when done. {@code held} is every group held while it runs, by holder. */
        record Entered(Runnable leave, Map<String, String> held) implements Entry {
        }

        /** It must not run: cancelled by the group's rules, or failed when its group did not evaluate. */
        record Refused(String message, boolean failed) implements Entry {
        }
    }

    /**
     * Enters the group, waiting for it if need be; no group when {@code concurrency} is null or its
     * group is empty.
     *
     * @param held      the groups (lower case) held by the callers, with the name of who holds each
     * @param cancelled the job's own cancellation (a newcomer with cancel-in-progress cancels it)
     * @param who       the job or workflow entering, for messages
     */
    Entry enter(Concurrency concurrency, Scope scope, Map<String, String> held, Cancellation cancelled, String who) {
        if (concurrency == null || concurrency.group() == null) {
            return new Entry.Entered(() -> { }, held);
        }
        String group;
        boolean cancelInProgress;
        try {
            group = scope.text(concurrency.group());
            Object cip = concurrency.cancelInProgress();
            cancelInProgress = cip instanceof Boolean b ? b
                    : cip != null && Expression.isTruthy(scope.value(cip.toString()));
        } catch (Scope.EvaluationException e) {
            return new Entry.Refused("concurrency: " + e.getMessage(), true);
        }
        if (group == null || group.isBlank()) {
            return new Entry.Entered(() -> { }, held);
        }
        String folded = group.toLowerCase(Locale.ROOT);
        if (held.containsKey(folded)) {
            return new Entry.Refused("Canceling since a deadlock for concurrency group '" + group
                    + "' was detected between '" + held.get(folded) + "' and '" + who + "'", false);
        }
        try {
            return switch (groups.enter(group, cancelInProgress, cancelled)) {
                case ConcurrencyGroups.Admission.Refused r -> new Entry.Refused(r.message(), false);
                case ConcurrencyGroups.Admission.Admitted a -> {
                    Map<String, String> more = new HashMap<>(held);
                    more.put(folded, who);
                    yield new Entry.Entered(a.leave(), Map.copyOf(more));
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onInterrupt.run();
            return new Entry.Refused("The run was stopped.", false);
        }
    }

    /**
     * The run's own workflow-level group, which its jobs and the workflows it calls cannot take again
     * (GitHub holds it for the whole run, as the "top level workflow").
     */
    static Map<String, String> workflowGroup(Workflow workflow, Scope scope) {
        Concurrency c = workflow.concurrency();
        if (c == null || c.group() == null) {
            return Map.of();
        }
        try {
            String group = scope.text(c.group());
            return group == null || group.isBlank() ? Map.of()
                    : Map.of(group.toLowerCase(Locale.ROOT), "top level workflow");
        } catch (Scope.EvaluationException e) {
            return Map.of();
        }
    }
}
