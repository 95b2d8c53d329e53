package dev.hearth.server.store;

/** A run the scheduler queues for a delivery; one per matching workflow file. */
public record NewRun(String deliveryId, String repository, String sha, String ref, String workflowPath) {}
