package dev.hearth.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.ObjectValue;
import dev.hearth.expressions.Value;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth expr}: evaluates GitHub Actions expressions, one from the command line or many
 * as JSON lines (the conformance protocol).
 */
@Command(name = "expr", mixinStandardHelpOptions = true,
        description = {
            "Evaluates a GitHub Actions expression (the text inside $${{ }}).",
            "With --jsonl: reads lines {\"expr\": E, \"contexts\": {...}} on stdin and",
            "answers each with one line {\"kind\": K, \"value\": V} or",
            "{\"error\": {\"kind\": K, \"message\": M}}.",
            "Exit codes: 0 evaluated, 1 the expression has an error, 2 usage error."
        })
final class ExprCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    @Spec
    CommandSpec spec;

    @Option(names = "--jsonl", description = "Read JSON lines on stdin, answer one JSON line each.")
    boolean jsonl;

    @Option(names = {"-c", "--context"}, paramLabel = "NAME=JSON",
            description = "A named value for the expression, e.g. --context github='{\"ref\":\"refs/heads/main\"}'. Repeatable.")
    Map<String, String> contexts = new java.util.LinkedHashMap<>();

    @Parameters(arity = "0..1", paramLabel = "EXPR", description = "The expression to evaluate.")
    String expression;

    @Override
    public Integer call() throws IOException {
        if (jsonl) {
            if (expression != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jsonl takes no EXPR argument");
            }
            runLines();
            return 0;
        }
        if (expression == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing EXPR (or use --jsonl)");
        }
        return runOne();
    }

    private int runOne() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectValue.Builder named = ObjectValue.builder();
        for (Map.Entry<String, String> e : contexts.entrySet()) {
            try {
                named.put(e.getKey(), Value.fromJson(JSON.readTree(e.getValue())));
            } catch (JsonProcessingException ex) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--context " + e.getKey() + ": not valid JSON: " + ex.getOriginalMessage());
            }
        }
        try {
            Value v = Expression.evaluate(expression, named.build());
            out.println(v.kind().title() + ": " + Expression.toJsonText(v));
            out.flush();
            return 0;
        } catch (ExpressionException ex) {
            err.println("error (" + ex.kind().label() + "): " + ex.getMessage());
            err.flush();
            return 1;
        }
    }

    private void runLines() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        processLines(in, out);
        out.flush();
    }

    /** The JSON-lines protocol: one answer line per non-blank input line, in order. */
    static void processLines(BufferedReader in, Writer out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            out.write(JSON.writeValueAsString(answer(line)));
            out.write('\n');
        }
    }

    private static ObjectNode answer(String line) {
        ObjectNode result = JSON.createObjectNode();
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException ex) {
            return error(result, "parsing", "Invalid request line: " + ex.getOriginalMessage());
        }
        JsonNode exprNode = request.get("expr");
        if (exprNode == null || !exprNode.isTextual()) {
            return error(result, "parsing", "Invalid request line: \"expr\" must be a string");
        }
        Value contexts = Value.fromJson(request.get("contexts"));
        ObjectValue named = contexts instanceof ObjectValue o ? o : ObjectValue.builder().build();
        try {
            Value v = Expression.evaluate(exprNode.textValue(), named);
            result.put("kind", v.kind().title());
            result.set("value", v.toJson());
            return result;
        } catch (ExpressionException ex) {
            return error(result, ex.kind().label(), ex.getMessage());
        } catch (StackOverflowError ex) {
            // Deeply nested context JSON could still exhaust the stack; one bad line must not end the stream.
            return error(result, "evaluation", "The expression is nested too deeply to evaluate");
        }
    }

    private static ObjectNode error(ObjectNode result, String kind, String message) {
        ObjectNode e = result.putObject("error");
        e.put("kind", kind);
        e.put("message", message);
        return result;
    }

}
