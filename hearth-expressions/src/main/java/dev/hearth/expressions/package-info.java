/**
 * GitHub Actions' expression language, with no dependency on the rest of Hearth: a lexer and a
 * recursive-descent parser produce an immutable syntax tree; the evaluator walks it against
 * named values (contexts) with GitHub's loose typing, case-insensitive comparison and property
 * access, short-circuit {@code &&}/{@code ||}, object filters ({@code .*}, {@code [*]}) and the
 * built-in functions. {@code ${{ }}} templates inside strings are parsed here too. Limits (depth,
 * length, result size) are enforced so hostile input fails fast with a positioned error.
 */
package dev.hearth.expressions;
