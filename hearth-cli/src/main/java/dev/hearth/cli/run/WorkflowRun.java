package dev.hearth.cli.run;

import dev.hearth.engine.Conclusion;
import dev.hearth.engine.RunResult;
import java.nio.file.Path;
import java.util.List;

/**
 * One workflow that {@code hearth run} ran.
 *
 * @param file   its file, as found
 * @param event  the event it ran for
 * @param result how it ended
 */
public record WorkflowRun(Path file, String event, RunResult result) {

    /**
     * How a whole {@code hearth run} ended: cancelled when any run was, else failure when any failed,
     * else success.
     */
    public static Conclusion overall(List<WorkflowRun> runs) {
        boolean failed = false;
        for (WorkflowRun r : runs) {
            if (r.result().conclusion() == Conclusion.CANCELLED) {
                return Conclusion.CANCELLED;
            }
            failed |= !r.result().succeeded();
        }
        return failed ? Conclusion.FAILURE : Conclusion.SUCCESS;
    }
}
