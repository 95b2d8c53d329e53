package dev.hearth.server.store;

import java.util.List;

/**
 * What crash recovery did with runs whose lease had run out.
 *
 * @param requeued runs put back in the queue to be tried again
 * @param errored  runs that had used up their attempts and were concluded {@link Conclusion#ERROR}
 */
public record Recovered(List<Long> requeued, List<Long> errored) {
    public Recovered {
        requeued = List.copyOf(requeued);
        errored = List.copyOf(errored);
    }
}
