/**
 * The {@code host} backend: commands run as ordinary host processes in the sandbox's directory, with
 * exactly the environment asked for. It isolates nothing; it exists so that Hearth runs anywhere, and
 * it still tracks and kills every process a sandbox started.
 */
package dev.hearth.sandbox.host;
