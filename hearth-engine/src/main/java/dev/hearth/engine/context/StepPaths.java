package dev.hearth.engine.context;

/**
 * Where one job's files live inside its sandbox, and the command files of the step running now.
 *
 * @param workspace   {@code GITHUB_WORKSPACE}, a fresh folder per job
 * @param temp        {@code RUNNER_TEMP}, emptied per job
 * @param toolCache   {@code RUNNER_TOOL_CACHE}, shared by the jobs of a sandbox
 * @param home        {@code HOME}
 * @param eventPath   {@code GITHUB_EVENT_PATH}, the event payload as JSON
 * @param env         {@code GITHUB_ENV} of the current step, or empty outside a step
 * @param output      {@code GITHUB_OUTPUT}
 * @param state       {@code GITHUB_STATE}
 * @param path        {@code GITHUB_PATH}
 * @param stepSummary {@code GITHUB_STEP_SUMMARY}
 */
public record StepPaths(String workspace, String temp, String toolCache, String home, String eventPath,
                        String env, String output, String state, String path, String stepSummary) {

    /** The same job folders with this step's command files. */
    public StepPaths forStep(String envFile, String outputFile, String stateFile, String pathFile, String summaryFile) {
        return new StepPaths(workspace, temp, toolCache, home, eventPath, envFile, outputFile, stateFile, pathFile,
                summaryFile);
    }
}
