/**
 * Where stored deliveries become finished, reported runs. The {@link dev.hearth.server.run.DeliveryProcessor}
 * turns a delivery into queued runs (one per triggered workflow); the {@link dev.hearth.server.run.Scheduler}
 * claims queued runs under renewed leases, at most a configured number at once across all deliveries, and
 * the {@link dev.hearth.server.run.WorkflowRunner} runs each through the engine in its own sandbox on a
 * checkout of the commit, while a {@link dev.hearth.server.run.StoringListener} records jobs, steps and log
 * chunks as they happen. {@link dev.hearth.server.run.RunReports} puts the pending and final statuses (or
 * check runs) and the pull request's results comment into the outbox; {@link dev.hearth.server.run.Recovery}
 * takes back what a dead process left behind at start.
 */
package dev.hearth.server.run;
