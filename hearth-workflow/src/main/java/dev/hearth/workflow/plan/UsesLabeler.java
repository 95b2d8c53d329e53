package dev.hearth.workflow.plan;

/**
 * Labels the {@code uses:} of a plan's steps and reusable jobs for {@link PlanText} and {@link PlanJson}.
 * The workflow module only parses {@code uses:}; telling a composite action from a Docker one needs
 * the action module, which plugs in here.
 */
public interface UsesLabeler {

    /** Labels nothing: plans show {@code uses:} as parsed. */
    UsesLabeler NONE = new UsesLabeler() {
        @Override
        public UsesLabel step(UsesRef uses) {
            return null;
        }

        @Override
        public UsesLabel call(UsesRef uses) {
            return null;
        }
    };

    /** The label of a step's parsed {@code uses:}, or null for none. */
    UsesLabel step(UsesRef uses);

    /** The label of a reusable job's parsed {@code uses:}, or null for none. */
    UsesLabel call(UsesRef uses);
}
