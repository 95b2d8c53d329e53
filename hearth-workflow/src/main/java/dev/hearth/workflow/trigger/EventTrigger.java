package dev.hearth.workflow.trigger;

import java.util.List;

/**
 * One event under {@code on:} with its filters. An absent filter is {@code null}; an empty
 * {@code types} list means the event's default activity types.
 *
 * @param event     the event name as written, e.g. {@code push}, {@code pull_request}
 * @param types     activity types ({@code types:}), empty when not given
 * @param branches  {@code branches} / {@code branches-ignore}, or null
 * @param tags      {@code tags} / {@code tags-ignore}, or null
 * @param paths     {@code paths} / {@code paths-ignore}, or null
 * @param crons     cron lines of {@code schedule}, empty for other events
 * @param workflows {@code workflows:} of {@code workflow_run}, empty for other events
 */
public record EventTrigger(String event, List<String> types, PatternFilter branches, PatternFilter tags,
                           PatternFilter paths, List<String> crons, List<String> workflows) {
    public EventTrigger {
        types = List.copyOf(types);
        crons = List.copyOf(crons);
        workflows = List.copyOf(workflows);
    }

    /** An event with no filters, as written by {@code on: push} or {@code on: [push, pull_request]}. */
    public static EventTrigger of(String event) {
        return new EventTrigger(event, List.of(), null, null, null, List.of(), List.of());
    }
}
