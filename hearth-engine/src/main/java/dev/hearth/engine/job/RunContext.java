package dev.hearth.engine.job;

import dev.hearth.engine.RunListener;
import dev.hearth.engine.RunRequest;
import dev.hearth.engine.context.GithubContext;
import dev.hearth.engine.context.RunnerContext;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.mask.SecretMasker;

import java.util.Map;

/**
 * What every job of one run shares.
 *
 * @param request     the run's request
 * @param listener    hears the run (texts already masked)
 * @param masker      every secret and add-mask value of the run
 * @param github      the github context before job- and step-specific fields
 * @param runner      the runner context
 * @param scope       the workflow-level contexts: github, vars, secrets, inputs
 * @param workflowEnv the workflow's {@code env:}, evaluated
 * @param repoName    the repository's name, for the workspace folder
 */
public record RunContext(RunRequest request, RunListener listener, SecretMasker masker, GithubContext github,
                         RunnerContext runner, Scope scope, Map<String, String> workflowEnv, String repoName) {
}
