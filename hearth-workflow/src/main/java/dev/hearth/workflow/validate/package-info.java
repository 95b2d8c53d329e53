/**
 * Validation results and the checks that go beyond the schema's shapes: {@link
 * dev.hearth.workflow.validate.Problem} (file, line, column, GitHub's message and a short hint), the
 * {@code ${{ }}} handling of scalars ({@link dev.hearth.workflow.validate.ScalarTemplate}) and the
 * bridge to the expression engine ({@link dev.hearth.workflow.validate.ExpressionCheck}).
 */
package dev.hearth.workflow.validate;
