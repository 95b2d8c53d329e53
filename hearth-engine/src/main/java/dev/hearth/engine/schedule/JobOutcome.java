package dev.hearth.engine.schedule;

import dev.hearth.engine.Conclusion;

import java.util.Map;

/** What a finished job (all its legs together) leaves for the jobs that need it: {@code needs.<id>}. */
record JobOutcome(Conclusion result, Map<String, String> outputs) {
}
