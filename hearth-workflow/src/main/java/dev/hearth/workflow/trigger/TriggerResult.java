package dev.hearth.workflow.trigger;

import java.util.List;

/**
 * Whether an event starts a workflow.
 *
 * @param triggered   true when one of the workflow's triggers accepts the event
 * @param trigger     the accepting trigger, or when none accepts, the trigger for the same event
 *                    that refused it; null when the workflow does not listen to the event at all
 * @param reason      why the event does not start the workflow; null when it does
 * @param unchecked   filters that could not be checked because the event lacks the data (no ref,
 *                    no activity type, unknown changed files); they did not block
 */
public record TriggerResult(boolean triggered, EventTrigger trigger, String reason, List<String> unchecked) {
    public TriggerResult {
        unchecked = List.copyOf(unchecked);
    }
}
