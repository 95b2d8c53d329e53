package dev.hearth.server.store;

import java.time.Instant;

/**
 * One workflow run: one workflow file of one repository at one commit, made from one delivery.
 *
 * @param leaseOwner     the node running it, while it runs
 * @param leaseExpiresAt when another node may take it back, unless renewed
 */
public record Run(
        long id,
        String deliveryId,
        String repository,
        String sha,
        String ref,
        String workflowPath,
        RunState state,
        Conclusion conclusion,
        int attempts,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt) {}
