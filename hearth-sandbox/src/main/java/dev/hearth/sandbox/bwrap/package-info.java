/**
 * The {@code bwrap} backend: one long-lived bubblewrap per sandbox holds a set of namespaces (read-only
 * host root, private {@code /tmp}, own pids, hostname and network) open around a waiting init, and
 * each command enters them with {@code nsenter}. Closing the init's stdin, or the JVM's death, tears
 * the whole namespace down.
 */
package dev.hearth.sandbox.bwrap;
