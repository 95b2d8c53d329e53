package dev.hearth.workflow.yaml;

/** The type a scalar resolves to under YAML 1.2's core schema (plain scalars) or its quotes (strings). */
public enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }
