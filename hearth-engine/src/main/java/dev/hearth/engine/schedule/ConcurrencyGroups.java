package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Job-level {@code concurrency} groups inside one run, with GitHub's rules: a group has at most one
 * job running and one waiting; a job that comes while another waits takes its place and the one that
 * waited is cancelled ("a higher priority waiting request exists"); with {@code cancel-in-progress} the
 * newcomer also cancels the one running. Group names compare ignoring case. Jobs only meet here when
 * they run at the same time ({@code --isolation job}); run one after another, they never wait.
 */
final class ConcurrencyGroups {
    /** Locks, not monitors: jobs wait on virtual threads, which a monitor wait would pin to a carrier. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Slot> groups = new HashMap<>();

    /** Who holds a group and who waits for it. */
    private static final class Slot {
        Member running;
        Member pending;
    }

    private static final class Member {
        final Cancellation cancellation;
        boolean superseded;

        Member(Cancellation cancellation) {
            this.cancellation = cancellation;
        }
    }

    /** What entering a group gave. */
    sealed interface Admission {
        /** The job may run; {@link #leave()} when it is done. */
        record Admitted(Runnable leave) implements Admission {
        }

        /** The job must not run: another took its place, or it was cancelled while it waited. */
        record Refused(String message) implements Admission {
        }
    }

    /**
     * Waits until the job may run in its group.
     *
     * @param job the job's own cancellation: cancelled when a newcomer has {@code cancel-in-progress}
     */
    Admission enter(String group, boolean cancelInProgress, Cancellation job) throws InterruptedException {
        String key = group.toLowerCase(Locale.ROOT);
        Member me = new Member(job);
        Cancellation toCancel = null;
        lock.lock();
        try {
            Slot slot = groups.computeIfAbsent(key, k -> new Slot());
            if (slot.running == null && slot.pending == null) {
                slot.running = me;
                return admitted(key, slot, me);
            }
            if (slot.pending != null) {
                slot.pending.superseded = true;
            }
            slot.pending = me;
            if (cancelInProgress && slot.running != null) {
                toCancel = slot.running.cancellation;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.cancel(); // outside the lock: cancelling signals processes
        }
        Runnable stopWaking = job.onCancel(this::wake);
        lock.lock();
        try {
            Slot slot = groups.get(key);
            while (true) {
                if (me.superseded) {
                    return new Admission.Refused("Canceling since a higher priority waiting request for '" + group
                            + "' exists");
                }
                if (job.isCancelled()) {
                    slot.pending = slot.pending == me ? null : slot.pending;
                    cleanUp(key, slot);
                    return new Admission.Refused("The job was cancelled while it waited for concurrency group '"
                            + group + "'.");
                }
                if (slot.running == null && slot.pending == me) {
                    slot.pending = null;
                    slot.running = me;
                    return admitted(key, slot, me);
                }
                changed.await();
            }
        } finally {
            lock.unlock();
            stopWaking.run();
        }
    }

    /** Whether a job waits for this group (for tests and diagnostics). */
    boolean hasWaiting(String group) {
        lock.lock();
        try {
            Slot slot = groups.get(group.toLowerCase(Locale.ROOT));
            return slot != null && slot.pending != null;
        } finally {
            lock.unlock();
        }
    }

    private Admission admitted(String key, Slot slot, Member me) {
        return new Admission.Admitted(() -> {
            lock.lock();
            try {
                if (slot.running == me) {
                    slot.running = null;
                }
                cleanUp(key, slot);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    private void cleanUp(String key, Slot slot) {
        if (slot.running == null && slot.pending == null) {
            groups.remove(key, slot);
        }
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
