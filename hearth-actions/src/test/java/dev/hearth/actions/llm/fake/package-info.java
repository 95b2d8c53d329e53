/**
 * Fake LLM servers for tests, reusable by other modules through hearth-actions' test-jar: real HTTP
 * servers (WireMock on Jetty) speaking Ollama's {@code POST /api/chat} and OpenAI's
 * {@code POST /v1/chat/completions}, answering through a {@link dev.hearth.actions.llm.fake.Behaviour}
 * and injecting faults on demand or at random with a seed ({@link dev.hearth.actions.llm.fake.RandomFaults}):
 * connection resets, HTTP errors, stalls past the client's timeout, malformed bodies and answers that
 * fail validation. Each server counts the calls it receives and the most it ever handled at once.
 * Another module's tests use them with a test-scoped dependency on {@code dev.hearth:hearth-actions}
 * of type {@code test-jar}, plus {@code org.wiremock:wiremock} (test scope; a test-jar brings no
 * dependencies of its own).
 */
package dev.hearth.actions.llm.fake;
