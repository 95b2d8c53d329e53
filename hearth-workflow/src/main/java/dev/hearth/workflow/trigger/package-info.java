/**
 * Whether an event starts a workflow: the {@code on:} triggers as the loader reads them
 * ({@link dev.hearth.workflow.trigger.EventTrigger}, {@link dev.hearth.workflow.trigger.PatternFilter}),
 * GitHub's filter-pattern globs compiled once ({@link dev.hearth.workflow.trigger.Glob},
 * {@link dev.hearth.workflow.trigger.PatternList}), the {@link dev.hearth.workflow.trigger.Event} that
 * happened (built from a webhook payload) and {@link dev.hearth.workflow.trigger.TriggerMatcher},
 * which applies GitHub's rules for branches, tags, paths, activity types and the other filters and
 * says why a workflow does not run.
 */
package dev.hearth.workflow.trigger;
