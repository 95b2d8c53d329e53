package dev.hearth.server.github;

import java.time.Instant;
import java.util.List;

/**
 * The durable outbox of reports, as the {@link ReportDispatcher} sees it; the store implements it on
 * its database table. Reports are written in the same transaction as the run state they describe, so
 * a crash or a GitHub outage can delay a report but never lose it. Contract:
 * <ul>
 *   <li>{@link #claimDue} hands out reports whose time has come, oldest first, and leases them so no
 *   other dispatcher takes them at the same time; a lease that is never settled (the process died)
 *   expires and the report becomes due again with its attempt counted.</li>
 *   <li>Reports with the same {@link Report#supersedeKey()} are delivered in the order they were
 *   enqueued: a newer one is not handed out while an older one is leased or waiting; an older one
 *   still waiting may be dropped as superseded when a newer one is enqueued (only the newest state
 *   of a status, a check run or the PR comment matters).</li>
 *   <li>Exactly one of {@link #sent}, {@link #retryAt} and {@link #failed} settles each claim.</li>
 * </ul>
 */
public interface ReportQueue {

    /** Stores {@code report}, due at once. */
    void enqueue(Report report);

    /** Leases at most {@code limit} reports due at {@code now}; {@link PendingReport#attempt()} is this try's number. */
    List<PendingReport> claimDue(Instant now, int limit);

    /** GitHub has it; the report leaves the queue. */
    void sent(long id);

    /** Try again at {@code at}; {@code reason} is kept for operators (it holds no secrets). */
    void retryAt(long id, Instant at, String reason);

    /** Given up for good; kept with its reason so operators can see and re-queue it. */
    void failed(long id, String reason);
}
