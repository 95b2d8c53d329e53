/**
 * What {@code hearth run} shows and reads around the engine: the live console view of a run (a
 * thread-safe {@link dev.hearth.engine.RunListener} printing one whole line at a time), the summary
 * table, step summaries and annotations at the end, the JSON form of the results, the job list of
 * {@code -l}, dotenv files for secrets and variables, and Ctrl-C handling. Nothing here runs a step;
 * the engine does, and this package only turns its events and results into text.
 */
package dev.hearth.cli.run;
