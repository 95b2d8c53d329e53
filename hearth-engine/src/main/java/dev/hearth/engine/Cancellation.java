package dev.hearth.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How a run is stopped from outside. {@link #cancel()} asks politely: running steps get SIGINT then
 * SIGTERM, no new step starts except those whose condition is {@code always()} or {@code cancelled()}.
 * {@link #kill()} stops everything at once and destroys the sandboxes.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private volatile boolean killed;
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final List<Runnable> onKill = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }
    }

    public void kill() {
        cancel();
        if (!killed) {
            killed = true;
            onKill.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isKilled() {
        return killed;
    }

    /**
     * Runs {@code action} when the run is cancelled (at once if it already is).
     *
     * @return what removes the action again
     */
    public Runnable onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    /**
     * Runs {@code action} when the run is killed (at once if it already is).
     *
     * @return what removes the action again
     */
    public Runnable onKill(Runnable action) {
        onKill.add(action);
        if (killed) {
            action.run();
        }
        return () -> onKill.remove(action);
    }
}
