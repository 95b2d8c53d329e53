package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.expressions.EvaluationContext;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.MapEvaluationContext;
import dev.hearth.expressions.ObjectValue;
import dev.hearth.expressions.ParseOptions;
import dev.hearth.expressions.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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

/**
 * Expression throughput: one operation is one expression parsed and evaluated (or rejected), so
 * the score reads directly as expressions per second. Cases cycle through a representative mix
 * of workflow expressions; set {@code -p cases=FILE} to use JSON lines
 * {@code {"expr": ..., "contexts": {...}}} read at run time instead (e.g. a conformance export).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpressionBenchmark {

    /** A file of JSON lines to use instead of the built-in mix; empty for the built-in mix. */
    @Param({""})
    public String cases;

    private record Case(String source, ParseOptions options, EvaluationContext context, Expression parsed) {
    }

    private Case[] all;
    private int next;

    private static final String GITHUB = """
            {"event_name": "pull_request", "ref": "refs/heads/main", "sha": "9f1c3a7e5b2d4c6e8a0b1d3f5e7c9a2b4d6f8e01",
             "repository": "octo-org/hello", "repository_owner": "octo-org", "actor": "hearth-dev", "run_number": "31",
             "event": {"action": "opened", "pull_request": {"number": 17, "draft": false, "title": "Fix the build",
               "head": {"ref": "feature/x"}, "base": {"ref": "main"},
               "labels": [{"name": "bug"}, {"name": "ci"}, {"name": "help wanted"}]},
               "commits": [{"message": "one [skip ci]"}, {"message": "two"}]}}
            """;

    private static final String[] MIX = {
        "github.event_name == 'push'",
        "github.event_name == 'pull_request' && github.event.action != 'closed'",
        "startsWith(github.ref, 'refs/tags/v')",
        "contains(github.event.pull_request.labels.*.name, 'bug')",
        "!github.event.pull_request.draft",
        "matrix.os == 'ubuntu-latest' && matrix.node >= 18",
        "format('{0}-{1}-{2}', runner.os, matrix.node, hashKey)",
        "join(github.event.pull_request.labels.*.name, ', ')",
        "toJSON(matrix)",
        "fromJSON(needs.setup.outputs.matrix).include[0].os",
        "github.repository_owner == 'octo-org' || github.actor == 'dependabot[bot]'",
        "endsWith(github.head_ref || github.event.pull_request.head.ref, '-wip')",
        "needs.build.result == 'success' && needs.test.result == 'success'",
        "case(github.ref == 'refs/heads/main', 'production', startsWith(github.ref, 'refs/heads/release/'), 'staging', 'dev')",
        "contains(github.event.commits[0].message, '[skip ci]')",
        "env.DEPLOY_TARGET",
        "inputs.dry-run == 'true' || inputs.dry-run == true",
        "github.event.pull_request.number",
        "secrets.NPM_TOKEN != ''",
        "steps.cache.outputs.cache-hit != 'true'",
    };

    @Setup
    public void setup() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        if (cases == null || cases.isEmpty()) {
            ObjectValue.Builder b = ObjectValue.builder();
            b.put("github", Value.fromJson(json.readTree(GITHUB)));
            b.put("matrix", Value.fromJson(json.readTree("{\"os\": \"ubuntu-latest\", \"node\": 20}")));
            b.put("runner", Value.fromJson(json.readTree("{\"os\": \"Linux\", \"arch\": \"X64\"}")));
            b.put("needs", Value.fromJson(json.readTree(
                    "{\"setup\": {\"result\": \"success\", \"outputs\": {\"matrix\": \"{\\\"include\\\": [{\\\"os\\\": \\\"ubuntu-latest\\\"}]}\"}},"
                            + "\"build\": {\"result\": \"success\"}, \"test\": {\"result\": \"failure\"}}")));
            b.put("env", Value.fromJson(json.readTree("{\"DEPLOY_TARGET\": \"staging\"}")));
            b.put("inputs", Value.fromJson(json.readTree("{\"dry-run\": \"false\"}")));
            b.put("secrets", Value.fromJson(json.readTree("{\"NPM_TOKEN\": \"x\"}")));
            b.put("steps", Value.fromJson(json.readTree("{\"cache\": {\"outputs\": {\"cache-hit\": \"false\"}}}")));
            b.put("hashKey", Value.of("a1b2c3"));
            ObjectValue named = b.build();
            ParseOptions options = ParseOptions.namedValues(new HashSet<>(named.keys()));
            for (String source : MIX) out.add(prepare(source, options, MapEvaluationContext.of(named)));
        } else {
            for (String line : Files.readAllLines(Path.of(cases))) {
                if (line.isBlank()) continue;
                JsonNode req = json.readTree(line);
                Value contexts = Value.fromJson(req.get("contexts"));
                ObjectValue named = contexts instanceof ObjectValue o ? o : ObjectValue.builder().build();
                ParseOptions options = ParseOptions.namedValues(new HashSet<>(named.keys()));
                out.add(prepare(req.get("expr").asText(), options, MapEvaluationContext.of(named)));
            }
        }
        all = out.toArray(new Case[0]);
    }

    private static Case prepare(String source, ParseOptions options, EvaluationContext context) {
        Expression parsed;
        try {
            parsed = Expression.parse(source, options);
        } catch (ExpressionException e) {
            parsed = null;
        }
        return new Case(source, options, context, parsed);
    }

    private Case nextCase() {
        Case c = all[next];
        next = next + 1 == all.length ? 0 : next + 1;
        return c;
    }

    /** Parse and evaluate, as `hearth expr` and the workflow loader do. */
    @Benchmark
    public Object parseAndEvaluate() {
        Case c = nextCase();
        try {
            return Expression.parse(c.source, c.options).evaluate(c.context);
        } catch (ExpressionException e) {
            return e;
        }
    }

    /** Parse only. */
    @Benchmark
    public Object parse() {
        Case c = nextCase();
        try {
            return Expression.parse(c.source, c.options);
        } catch (ExpressionException e) {
            return e;
        }
    }

    /** Evaluate an already parsed expression, as a runner evaluating `if:` per step does. */
    @Benchmark
    public Object evaluate() {
        Case c = nextCase();
        if (c.parsed == null) return null;
        try {
            return c.parsed.evaluate(c.context);
        } catch (ExpressionException e) {
            return e;
        }
    }
}
