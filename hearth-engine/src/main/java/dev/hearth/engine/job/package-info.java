/**
 * One job in one sandbox: {@link dev.hearth.engine.job.JobRunner} lays out a fresh workspace, evaluates
 * the job's env, timeout and {@code continue-on-error}, runs its steps in order with GitHub's status
 * functions (its {@code uses:} steps through {@code dev.hearth.engine.action}, with their {@code pre}
 * parts before the job's steps and their {@code post} parts after them), applies what each step's
 * workflow commands and command files asked for, evaluates the job's outputs and cleans up the
 * processes the job left behind.
 */
package dev.hearth.engine.job;
