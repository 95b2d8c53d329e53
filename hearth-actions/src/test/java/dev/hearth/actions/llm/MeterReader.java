package dev.hearth.actions.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads the translator's counters by name and tag. */
final class MeterReader {
    private final MeterRegistry registry;

    MeterReader(MeterRegistry registry) {
        this.registry = registry;
    }

    double attempts() {
        return count("hearth.llm.attempts", null, null);
    }

    double attemptFailures(String cause) {
        return count("hearth.llm.attempt.failures", "cause", cause);
    }

    double translationsFailed(String cause) {
        return count("hearth.llm.translations.failed", "cause", cause);
    }

    double translationsSucceeded(String source) {
        return count("hearth.llm.translations.succeeded", "source", source);
    }

    private double count(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        Counter c = search.counter();
        return c == null ? 0 : c.count();
    }
}
