/**
 * The rules of GitHub's workflow language kept as data: {@code workflow-schema.yml} (a resource in
 * Hearth's own format) describes every key — its type, children, required keys, literal values and
 * which contexts and functions its {@code ${{ }}} expressions may use. {@link
 * dev.hearth.workflow.schema.Schema} compiles that file once into {@link
 * dev.hearth.workflow.schema.TypeDef}s, and {@link dev.hearth.workflow.schema.SchemaValidator} walks a
 * loaded YAML tree against them, collecting problems with GitHub's messages.
 */
package dev.hearth.workflow.schema;
