/**
 * The server's REST API under {@code /api}: runs listed and read with their jobs and steps, their logs
 * as plain text or followed live over Server-Sent Events, and cancel and re-run. Reading is open;
 * anything that changes state needs the bearer token {@code HEARTH_API_TOKEN}. The handlers only read
 * the store and act through {@link dev.hearth.server.api.RunControl}, which the scheduler implements,
 * so a request answered by one node reaches the run wherever it runs: requests are recorded in the
 * database, never held in memory.
 */
package dev.hearth.server.api;
