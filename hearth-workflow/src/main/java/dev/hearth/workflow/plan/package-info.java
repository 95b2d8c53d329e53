/**
 * What a workflow would do for an event, without running anything: {@link
 * dev.hearth.workflow.plan.Planner} combines the trigger matcher, the job graph and the matrix
 * expander over a read {@link dev.hearth.workflow.model.Workflow} into a {@link
 * dev.hearth.workflow.plan.Plan} — whether the event triggers the workflow and why not, the jobs level
 * by level with their legs, conditions and runners, and every step with its kind. {@link
 * dev.hearth.workflow.plan.PlanText} and {@link dev.hearth.workflow.plan.PlanJson} present a plan for
 * people and for tools.
 */
package dev.hearth.workflow.plan;
