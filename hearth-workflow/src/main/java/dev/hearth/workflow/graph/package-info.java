/**
 * The order of a workflow's jobs from their {@code needs}: {@link dev.hearth.workflow.graph.JobGraph}
 * checks that every need names a job (ids compare case-insensitively, as on GitHub) and that there is
 * no cycle, groups jobs into levels that may run together, and finds everything downstream of a job
 * so that a failed job's dependents can be skipped. Plain ids in, no dependency on the model.
 */
package dev.hearth.workflow.graph;
