/**
 * A job's {@code strategy.matrix} turned into its legs, by GitHub's documented rules: the cartesian
 * product of the vectors in key order, then {@code exclude}, then {@code include} (extend every
 * combination it does not contradict, or become a new one), at most 256 legs. The input is plain
 * Java data as read from YAML, so this package does not depend on the workflow model.
 */
package dev.hearth.workflow.matrix;
