package dev.hearth.server.source;

import java.util.List;

/**
 * What a delivery triggers.
 *
 * @param facts     what the payload says
 * @param commit    the commit the workflows were read from and run on; null when nothing was fetched (a
 *                  deleted ref)
 * @param workflows the workflows to run or report as errored, by path
 * @param skipped   the other workflow files, each with why the event does not start it ({@code path: reason})
 */
public record Triggered(EventFacts facts, CommitToRun commit, List<TriggeredWorkflow> workflows,
                        List<String> skipped) {
    public Triggered {
        workflows = List.copyOf(workflows);
        skipped = List.copyOf(skipped);
    }
}
