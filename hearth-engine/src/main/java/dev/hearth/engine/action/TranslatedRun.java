package dev.hearth.engine.action;

import dev.hearth.actions.ResolvedAction;
import dev.hearth.actions.llm.StepTranslator;
import dev.hearth.actions.llm.Translation;
import dev.hearth.actions.llm.TranslationException;
import dev.hearth.actions.llm.TranslationRequest;
import dev.hearth.engine.Conclusion;
import dev.hearth.workflow.model.RunStep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step whose action cannot be obtained or run here, run as the bash script an LLM translated it into.
 * What is sent never holds a secret: each secret in an input becomes {@code ${{ secrets.NAME }}} and
 * anything else masked becomes {@code ***}. The script runs like a {@code run:} step with
 * {@code shell: bash}: its {@code ${{ }}} expressions are evaluated (so a secret placeholder gets its
 * value back inside the sandbox) and the inputs are also in {@code INPUT_*}. The log and the step's
 * result say that a model wrote what ran.
 */
final class TranslatedRun {
    /** Larger than any sensible action.yml; a bigger file is left out of the request. */
    private static final long ACTION_YML_LIMIT = 256 * 1024;

    private final StepHost host;
    private final StepTranslator translator;

    TranslatedRun(StepHost host, StepTranslator translator) {
        this.host = host;
        this.translator = translator;
    }

    ProcessOutcome run(Invocation inv, ResolvedAction action, Map<String, String> given, String reason)
            throws InterruptedException {
        StepLog log = inv.log();
        TranslationRequest request = new TranslationRequest(inv.uses(), action == null ? null : action.sha(),
                actionYml(action), withoutSecrets(given), reason);
        log.warning(reason);
        Translation translation;
        try {
            translation = translator.translate(request);
        } catch (TranslationException | RuntimeException e) {
            String message = reason + " The LLM translation failed too: " + e.getMessage();
            log.error(message);
            return ProcessOutcome.failure(message);
        }
        String mark = "translated by LLM " + translation.model() + (translation.cached() ? " (from cache)" : "");
        log.warning("'" + inv.uses() + "' runs as a bash script " + mark
                + ", not as the action itself: check what it did.");
        RunStep script = new RunStep(null, inv.key().name(), "success()", translation.script(), "bash", null,
                Map.of(), null, null, inv.call().step().position(), false);
        ProcessOutcome o = host.runScript(inv.key(), script, inv.scope().with("inputs", given), inv.envContext(),
                ActionInputs.environment(given), false, inv.innerDeadline(java.time.Instant.now()));
        String message = o.outcome() == Conclusion.SUCCESS ? mark
                : (o.message() == null ? mark : o.message() + " (" + mark + ")");
        return o.withMessage(message);
    }

    /** Each secret's value replaced by its placeholder, longest first (a secret may contain another), then masks. */
    private Map<String, String> withoutSecrets(Map<String, String> inputs) {
        List<Map.Entry<String, String>> secrets = new ArrayList<>(host.secrets().entrySet());
        secrets.removeIf(e -> e.getValue() == null || e.getValue().isEmpty());
        secrets.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        Map<String, String> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> {
            String value = v;
            for (Map.Entry<String, String> s : secrets) {
                value = value.replace(s.getValue(), "${{ secrets." + s.getKey() + " }}");
            }
            out.put(k, host.mask(value));
        });
        return out;
    }

    private static String actionYml(ResolvedAction action) {
        if (action == null || action.directory() == null) {
            return null;
        }
        Path file = action.directory().resolve(action.manifest().file());
        try {
            return Files.size(file) <= ACTION_YML_LIMIT ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
