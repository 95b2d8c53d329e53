/**
 * The {@code hearth} command line: one picocli command class per sub-command ({@code validate},
 * {@code plan}, {@code expr}, later {@code run} and {@code serve}). This is the only module with a
 * {@code main}; commands parse flags, call the library modules and print human or JSON output. They
 * hold no workflow logic of their own. Exit codes: 0 success, 1 a negative verdict, 2 usage error.
 */
package dev.hearth.cli;
