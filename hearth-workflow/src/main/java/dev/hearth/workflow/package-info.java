/**
 * Workflow files as GitHub reads them: YAML 1.2 loading that keeps line and column for every node
 * and rejects hostile input within explicit limits, a schema kept as data that drives validation
 * (keys, types, required keys, where expressions may appear and which contexts they may use), the
 * immutable model (records) built from a valid file, reusable-workflow resolution, matrix
 * expansion, trigger matching against an event, and the job graph from {@code needs}.
 */
package dev.hearth.workflow;
