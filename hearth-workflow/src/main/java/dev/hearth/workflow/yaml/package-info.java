/**
 * Loads a workflow file into an immutable tree of YAML nodes ({@link dev.hearth.workflow.yaml.YamlNode})
 * that keeps, for every mapping, sequence, scalar and mapping key, its 1-based line and column, the
 * scalar's YAML 1.2 core-schema type and its style. The loader is the guard at the edge: it rejects
 * invalid UTF-8, oversized files and scalars, deep nesting, alias bombs and unsupported tags with a
 * positioned {@link dev.hearth.workflow.yaml.YamlProblem} instead of an exception, within limits set as
 * constants in {@link dev.hearth.workflow.yaml.YamlLimits}.
 */
package dev.hearth.workflow.yaml;
