package dev.hearth.actions.builtin.files;

import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.SandboxException;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code HOME} inside the sandbox, for {@code ~} in path inputs: the one the engine gives, else the
 * one the sandbox's own environment has, asked for once and only when a path needs it.
 */
public final class SandboxHome implements Supplier<String> {
    private final BuiltinContext context;
    private String home;

    public SandboxHome(BuiltinContext context) {
        this.context = context;
        this.home = context.home();
    }

    @Override
    public synchronized String get() {
        if (home == null) {
            home = ask();
        }
        return home;
    }

    private String ask() {
        CollectedOutput out = new CollectedOutput();
        try {
            context.sandbox().exec(new ExecRequest(List.of("sh", "-c", "printf %s \"$HOME\""), Map.of(),
                    context.workspace(), null), out);
        } catch (SandboxException e) {
            throw new IllegalStateException("cannot find HOME in the sandbox for '~': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding HOME in the sandbox", e);
        }
        String value = out.text().strip();
        if (!value.startsWith("/")) {
            throw new IllegalStateException("the sandbox has no HOME, so '~' cannot be expanded");
        }
        return value;
    }
}
