/**
 * The workflow as Hearth runs it: immutable records and sealed interfaces made from a validated file.
 * {@link dev.hearth.workflow.model.Workflow} holds triggers, inputs, env, permissions, concurrency and
 * the jobs in file order; a {@link dev.hearth.workflow.model.Job} is either a
 * {@link dev.hearth.workflow.model.RunnerJob} with steps or a
 * {@link dev.hearth.workflow.model.ReusableWorkflowJob} calling another workflow. Values that may be
 * expressions are kept as written ({@code ${{ }}} included); conditions ({@code if}) are kept as the
 * expression GitHub evaluates, e.g. {@code success() && (github.event_name == 'push')}.
 */
package dev.hearth.workflow.model;
