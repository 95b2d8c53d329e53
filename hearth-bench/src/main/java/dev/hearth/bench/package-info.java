/**
 * JMH benchmarks for the hot paths of the workflow front end: expression evaluation and workflow
 * validation. Build with {@code ./mvnw -pl hearth-bench -am package -DskipTests} and run
 * {@code java -jar hearth-bench/target/hearth-bench.jar}.
 */
package dev.hearth.bench;
