/**
 * Where a workflow becomes processes. {@link dev.hearth.engine.Engine} takes a
 * {@link dev.hearth.engine.RunRequest} (a read workflow, an event, secrets, a sandbox backend) and runs
 * its jobs in {@code needs} order — by default all in one sandbox per workflow, each job in a fresh
 * workspace — evaluating {@code if:}, matrix, timeouts and {@code continue-on-error} as GitHub does.
 * Progress goes to a {@link dev.hearth.engine.RunListener} as it happens and the outcome comes back as
 * a {@link dev.hearth.engine.RunResult}. Sub-packages: {@code schedule} (the job graph, isolation,
 * fail-fast, cancellation, called workflows' jobs), {@code call} (what a called reusable workflow sees:
 * inputs, secrets, outputs), {@code job} (one job's steps and outputs), {@code action} ({@code uses:}
 * steps: built-in, composite, JavaScript and Docker actions, the LLM fallback), {@code step} (one step becomes
 * one command in the sandbox: shells, env, scripts), {@code context} (github, runner, env… contexts
 * and GITHUB_* variables), {@code commands} (workflow commands on stdout and in GITHUB_* files) and
 * {@code mask} (secrets never leave in clear).
 */
package dev.hearth.engine;
