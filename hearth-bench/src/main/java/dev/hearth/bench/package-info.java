/**
 * JMH benchmarks for the hot paths of the workflow front end (expression evaluation and workflow
 * validation) and for the fixed cost of a sandbox (create, first command, destroy). Build with
 * {@code ./mvnw -pl hearth-bench -am package -DskipTests} and run
 * {@code java -jar hearth-bench/target/hearth-bench.jar}.
 */
package dev.hearth.bench;
