package dev.hearth.workflow.plan;

/**
 * What a plan says about a {@code uses:} step or a reusable job beyond its syntax: how it will run
 * ({@code builtin}, {@code local}, {@code remote}, {@code reusable}, {@code docker}, {@code llm},
 * {@code unsupported}) and a short note ({@code composite, 3 steps}, {@code needs Docker}). Worked out
 * outside this module, which knows no actions; see {@link UsesLabeler}.
 *
 * @param actionClass the class, lower case
 * @param note        a short remark, or null
 */
public record UsesLabel(String actionClass, String note) {
}
