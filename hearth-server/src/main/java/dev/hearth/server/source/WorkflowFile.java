package dev.hearth.server.source;

import dev.hearth.workflow.ReadResult;

/**
 * One file of {@code .github/workflows} at a commit, read and checked.
 *
 * @param path   the file's path in the repository, e.g. {@code .github/workflows/ci.yml}
 * @param result the reader's answer: a valid workflow, or the problems that make it errored
 */
public record WorkflowFile(String path, ReadResult result) {
    public boolean valid() {
        return result.valid();
    }
}
