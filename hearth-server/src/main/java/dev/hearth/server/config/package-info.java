/**
 * The server's settings: read from environment variables, optionally layered over a properties or
 * YAML file named by {@code HEARTH_CONFIG}, checked all at once so one start-up reports every
 * mistake, and printed with secrets hidden.
 */
package dev.hearth.server.config;
