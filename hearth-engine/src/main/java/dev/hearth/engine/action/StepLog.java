package dev.hearth.engine.action;

/** The log of one step (or of the job's set-up when no step runs); every text is masked on its way out. */
public interface StepLog {
    /** A line of the step's own output. */
    void output(String line);

    void debug(String line);

    /** A warning annotation. */
    void warning(String message);

    /** An error annotation. */
    void error(String message);

    /** A log that drops everything, for a second evaluation whose warnings were already shown. */
    StepLog NONE = new StepLog() {
        @Override
        public void output(String line) {
        }

        @Override
        public void debug(String line) {
        }

        @Override
        public void warning(String message) {
        }

        @Override
        public void error(String message) {
        }
    };
}
