package dev.hearth.server.store;

import java.time.Instant;

/**
 * One webhook delivery as stored.
 *
 * @param deliveryId GitHub's {@code X-GitHub-Delivery}
 * @param event      {@code X-GitHub-Event}
 * @param action     the payload's {@code action}, or null
 * @param receivedAt when the intake stored it
 * @param body       the raw JSON body, exactly as signed
 * @param state      where it is
 * @param attempts   how often processing it was started
 * @param error      why it failed, or null
 */
public record Delivery(
        String deliveryId,
        String event,
        String action,
        Instant receivedAt,
        String body,
        DeliveryState state,
        int attempts,
        String error) {}
