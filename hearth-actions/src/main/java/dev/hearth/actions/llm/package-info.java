/**
 * The last resort for a {@code uses:} step: when an action cannot be fetched or run and an LLM is
 * configured ({@code HEARTH_LLM_*}), a {@link dev.hearth.actions.llm.StepTranslator} asks Ollama or an
 * OpenAI-compatible API (through langchain4j) to translate that one step into shell commands as strict
 * JSON, validates the answer, retries transient faults with backoff, guards the provider with a circuit
 * breaker and a concurrency limit, and caches translations on disk so a repeated workflow makes no call.
 */
package dev.hearth.actions.llm;
