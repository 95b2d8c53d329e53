package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.cli.ValidationJson;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.ObjectValue;
import dev.hearth.expressions.Value;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.WorkflowReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Does per operation exactly the work GitHub's TypeScript peers time with {@code --repeat}, on the
 * same inputs, so {@code scripts/bench-compare.sh} can set the two side by side. One operation of
 * {@link #expressions} is one pass over all cases: contexts converted from JSON, the expression
 * parsed and evaluated, the result written as JSON (the peer's {@code evalOne}). One operation of
 * {@link #workflows} is one pass over all files: read, validated with reusable calls resolved, and
 * the {@code validate --json} answer built (the peer's {@code validate}). Inputs are read at run
 * time from the files named by the parameters; the project ships none of them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PeerComparisonBenchmark {

    /** JSON lines {@code {"expr": ..., "contexts": {...}}}. */
    @Param({""})
    public String casesFile;

    /** Lines {@code REPOSITORY_ROOT<TAB>WORKFLOW_FILE}. */
    @Param({""})
    public String filesList;

    private record ExpressionCase(String expr, JsonNode contexts) {
    }

    private record WorkflowFile(Path root, Path file) {
    }

    private final List<ExpressionCase> cases = new ArrayList<>();
    private final List<WorkflowFile> files = new ArrayList<>();

    @Setup
    public void load() throws IOException {
        if (casesFile.isEmpty() || filesList.isEmpty()) {
            throw new IllegalArgumentException("set -p casesFile=... and -p filesList=... (see scripts/bench-compare.sh)");
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(casesFile))) {
            if (!line.isBlank()) {
                JsonNode c = json.readTree(line);
                cases.add(new ExpressionCase(c.get("expr").asText(), c.get("contexts")));
            }
        }
        for (String line : Files.readAllLines(Path.of(filesList))) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                files.add(new WorkflowFile(Path.of(line.substring(0, tab)), Path.of(line.substring(tab + 1))));
            }
        }
    }

    @Benchmark
    public void expressions(Blackhole bh) {
        for (ExpressionCase c : cases) {
            bh.consume(evaluate(c));
        }
    }

    private static String evaluate(ExpressionCase c) {
        try {
            Value contexts = Value.fromJson(c.contexts());
            ObjectValue named = contexts instanceof ObjectValue o ? o : ObjectValue.builder().build();
            return Expression.toJsonText(Expression.evaluate(c.expr(), named));
        } catch (ExpressionException e) {
            return e.getMessage();
        }
    }

    @Benchmark
    public void workflows(Blackhole bh) throws IOException {
        ReadOptions options = ReadOptions.defaults();
        for (WorkflowFile f : files) {
            bh.consume(ValidationJson.of(WorkflowReader.read(f.file(), options.withRepositoryRoot(f.root()))));
        }
    }
}
