package dev.hearth.server.webhook;

import dev.hearth.server.store.NewDelivery;

/**
 * Told about each new delivery to act on, after it is committed and before it is answered. It must
 * return quickly (GitHub waits for the answer): hand the work to another thread. A listener that
 * throws does not lose the delivery; it stays received in the database for the scheduler to find.
 */
@FunctionalInterface
public interface DeliveryListener {
    void delivered(NewDelivery delivery);

    /** A listener that does nothing (the scheduler polls the database instead). */
    DeliveryListener NONE = d -> {};
}
