/**
 * The order of a run: {@link dev.hearth.engine.schedule.RunScheduler} walks the job graph, evaluates
 * each job's {@code if:} against its ancestors' results, expands matrices into legs
 * ({@link dev.hearth.engine.schedule.MatrixLegs}), and runs them — all in one sandbox per workflow, or
 * one sandbox per job in parallel ({@link dev.hearth.engine.schedule.SandboxLeases}) — with fail-fast,
 * max-parallel, concurrency groups ({@link dev.hearth.engine.schedule.ConcurrencyGroups}) and
 * cancellation. A leg of a job that calls a reusable workflow runs the called workflow's own graph
 * the same way, one level down ({@link dev.hearth.engine.schedule.CallRunner}).
 */
package dev.hearth.engine.schedule;
