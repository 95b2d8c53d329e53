package dev.hearth.workflow.model;

/**
 * The name GitHub shows for a step: its {@code name:} as written, or the default GitHub makes up —
 * {@code Run <first line of the script>}, {@code Run <uses>} — and Hearth's names for background-step
 * controls. Shared by the plan and the engine so both show the same names.
 */
public final class StepNames {

    private StepNames() {
    }

    /** The step's {@code name:} as written (expressions not evaluated), else its default name. */
    public static String displayName(Step step) {
        return step.name() != null ? step.name() : defaultName(step);
    }

    /** The name a step without {@code name:} gets. */
    public static String defaultName(Step step) {
        return switch (step) {
            case RunStep r -> "Run " + firstLine(r.run());
            case UsesStep u -> "Run " + u.uses();
            case ControlStep c -> {
                String targets = String.join(", ", c.targets());
                yield switch (c.kind()) {
                    case WAIT -> "Wait for " + targets;
                    case WAIT_ALL -> "Wait for all background steps";
                    case CANCEL -> "Cancel " + targets;
                };
            }
            case ParallelStep p -> "Parallel group of " + p.steps().size() + " steps";
        };
    }

    /** The first line of a script, trimmed; empty for none. */
    static String firstLine(String script) {
        if (script == null) {
            return "";
        }
        String s = script.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
