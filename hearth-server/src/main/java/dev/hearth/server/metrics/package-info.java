/**
 * What the server exposes on {@code /metrics} in Prometheus' text format: deliveries by event and
 * outcome, runs by conclusion, queue depth and running workflows (read from the database and the
 * scheduler when scraped, so they are right after a restart), steps by conclusion (the success rate is
 * their ratio), and the time to allocate a sandbox and to read a commit's workflows.
 * {@link dev.hearth.server.metrics.ServerMetrics} owns the registry; the rest of the server only calls
 * its recording methods.
 */
package dev.hearth.server.metrics;
