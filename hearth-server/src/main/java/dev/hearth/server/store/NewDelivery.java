package dev.hearth.server.store;

import java.time.Instant;

/** A delivery the intake is about to store, in the state its event decides. */
public record NewDelivery(String deliveryId, String event, String action, Instant receivedAt, String body, DeliveryState state) {}
