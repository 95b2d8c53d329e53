/**
 * The last resort for a {@code uses:} step: when an action cannot be fetched or run and an LLM is
 * configured ({@code HEARTH_LLM_*}), a {@link dev.hearth.actions.llm.StepTranslator} asks Ollama or an
 * OpenAI-compatible API (through langchain4j) to translate that one step into shell commands as strict
 * JSON, validates the answer, retries transient faults with backoff, guards the provider with a circuit
 * breaker and a concurrency limit, and caches translations on disk so a repeated workflow makes no call.
 * {@link dev.hearth.actions.llm.LlmStepTranslator} puts it together from an
 * {@link dev.hearth.actions.llm.LlmConfig} ({@link dev.hearth.actions.llm.LlmConfigParser} lists the
 * variables); the model must answer {@code {"script": "...", "outputs": {...}}} and nothing else, and
 * the script may read the step's inputs from {@code INPUT_<NAME>} variables, which the engine sets as
 * for any action. Metrics go to the Micrometer registry the translator is given.
 */
package dev.hearth.actions.llm;
