/**
 * Turns a loaded, schema-checked YAML tree into the {@link dev.hearth.workflow.model} records and runs
 * the checks the schema cannot express: job and step ids, {@code needs} (unknown jobs, cycles), matrix
 * vectors, runs-on groups, {@code uses} syntax, event filters, cron lines and {@code if} conditions
 * ({@link dev.hearth.workflow.build.Conditions}). Works on trees with schema problems too, skipping
 * what does not have the expected shape, so that every problem of a file is reported at once.
 */
package dev.hearth.workflow.build;
