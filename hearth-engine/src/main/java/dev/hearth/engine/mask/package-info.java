/**
 * Secrets never leave in clear. {@link dev.hearth.engine.mask.SecretMasker} holds every secret of a run
 * (the request's secrets and every {@code ::add-mask::} value) together with the forms in which a secret
 * typically reappears in a log — each line of a multi-line value, JSON-escaped, URL-encoded and base64 —
 * and replaces every occurrence in a text with {@code ***}. It is consulted for every log line, so the
 * matching is one pass of an immutable automaton that is rebuilt only when a secret is added.
 */
package dev.hearth.engine.mask;
