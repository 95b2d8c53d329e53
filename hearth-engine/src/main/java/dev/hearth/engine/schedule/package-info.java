/**
 * The order of a run: {@link dev.hearth.engine.schedule.RunScheduler} walks the job graph, evaluates
 * each job's {@code if:} against its ancestors' results, expands matrices into legs
 * ({@link dev.hearth.engine.schedule.MatrixLegs}), and runs them — all in one sandbox per workflow, or
 * one sandbox per job in parallel ({@link dev.hearth.engine.schedule.SandboxLeases}) — with fail-fast,
 * max-parallel and cancellation.
 */
package dev.hearth.engine.schedule;
