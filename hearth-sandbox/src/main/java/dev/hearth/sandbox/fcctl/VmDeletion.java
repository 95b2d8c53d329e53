package dev.hearth.sandbox.fcctl;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a VM, trying again with a growing wait when the server fails (5xx) or cannot be reached,
 * a bounded number of times (the seed's client deleted once, if at all, and leaked 34 VMs). A VM that
 * stays is logged as an error with its id, so an operator can delete it by hand.
 */
final class VmDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(VmDeletion.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private VmDeletion() {
    }

    /**
     * Deletes the VM; never throws. An interrupt does not cut it short (the VM would leak): it is
     * remembered and set again at the end.
     *
     * @return whether the VM is gone
     */
    static boolean delete(FcctlClient client, String vmId, String vmName) {
        FcctlSettings settings = client.settings();
        boolean interrupted = Thread.interrupted();
        Duration backoff = settings.deleteBackoff();
        String last = "";
        int attempt = 0;
        try {
            while (attempt < settings.deleteAttempts()) {
                attempt++;
                try {
                    if (!client.deleteVm(vmId)) {
                        LOG.debug("fcctl VM {} ({}) was already gone", vmId, vmName);
                    }
                    return true;
                } catch (FcctlApiException e) {
                    last = e.getMessage();
                    if (!e.retryable()) {
                        break;
                    }
                    if (attempt < settings.deleteAttempts()) {
                        LOG.warn("deleting fcctl VM {} ({}) failed, trying again in {} ms: {}", vmId, vmName,
                                backoff.toMillis(), last);
                        try {
                            Thread.sleep(backoff);
                        } catch (InterruptedException ie) {
                            interrupted = true;
                        }
                        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    }
                } catch (RuntimeException e) {
                    last = e.toString();
                    break;
                }
            }
            LOG.error("fcctl VM {} ({}) is still allocated: deleting it failed {} time(s), last: {}; "
                    + "delete it by hand: DELETE {}/api/vms/{}", vmId, vmName, attempt, last, settings.baseUrl(), vmId);
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
