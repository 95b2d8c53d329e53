package dev.hearth.actions;

import java.nio.file.Path;

/**
 * Turns a {@code uses:} value of a step into an action on the host. Implementations are safe for
 * concurrent use (jobs resolve in parallel) and fetch a given repository and ref at most once at a time.
 */
public interface ActionResolver {

    /**
     * Resolves a step's action.
     *
     * @param uses      the {@code uses:} value as written ({@code ./path}, {@code owner/repo[/path]@ref}
     *                  or {@code docker://image})
     * @param workspace the host folder of the job's workspace ({@code GITHUB_WORKSPACE}), against which
     *                  a local {@code ./path} is read
     * @throws ActionException with a message naming {@code uses} when it cannot be obtained or read
     */
    ResolvedAction resolve(String uses, Path workspace) throws ActionException;
}
