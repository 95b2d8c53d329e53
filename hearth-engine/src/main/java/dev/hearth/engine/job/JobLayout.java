package dev.hearth.engine.job;

import dev.hearth.engine.context.StepPaths;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

/**
 * Where a job's folders go inside its sandbox's work root, as on a GitHub runner:
 * {@code job-N/work/<repo>} is the workspace, {@code job-N/temp} is RUNNER_TEMP (with the event payload
 * and the step command files), {@code tool_cache} and {@code home} are shared by a sandbox's jobs.
 */
final class JobLayout {
    /** The PATH a step starts from (GITHUB_PATH entries go in front). */
    static final String BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private JobLayout() {
    }

    static StepPaths paths(String workRoot, int index, String repoName) {
        String job = workRoot + "/job-" + index;
        String temp = job + "/temp";
        return new StepPaths(job + "/work/" + repoName, temp, workRoot + "/tool_cache", workRoot + "/home",
                temp + "/_github_workflow/event.json", "", "", "", "", "");
    }

    static String commandDir(StepPaths paths) {
        return paths.temp() + "/_runner_file_commands";
    }

    /** Creates the job's folders and writes the event payload. */
    static void prepare(Sandbox sandbox, StepPaths paths, String eventJson) throws SandboxException {
        sandbox.createDirectories(paths.workspace());
        sandbox.createDirectories(paths.toolCache());
        sandbox.createDirectories(paths.home());
        sandbox.createDirectories(commandDir(paths));
        sandbox.writeString(paths.eventPath(), eventJson);
    }
}
