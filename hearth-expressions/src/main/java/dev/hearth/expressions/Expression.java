package dev.hearth.expressions;

import java.util.HashSet;
import java.util.Objects;

/**
 * A parsed expression, ready to evaluate any number of times (immutable, thread-safe).
 *
 * <pre>{@code
 * Expression e = Expression.parse("github.event_name == 'push'", ParseOptions.namedValues(Set.of("github")));
 * Value v = e.evaluate(MapEvaluationContext.of(Map.of("github", github)));
 * }</pre>
 */
public final class Expression {

    private final String source;
    private final Node root;
    private final boolean callsStatusFunction;

    private Expression(String source, Node root, boolean callsStatusFunction) {
        this.source = source;
        this.root = root;
        this.callsStatusFunction = callsStatusFunction;
    }

    /**
     * Parses an expression (the text inside {@code ${{ }}}, or an {@code if:} condition).
     *
     * @throws ExpressionException of kind LEXING or PARSING, with the position of the problem
     */
    public static Expression parse(String source, ParseOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Parser parser = new Parser(source, new Lexer(source).lex(), options);
        Node root = parser.parse();
        return new Expression(source, root, parser.callsStatusFunction);
    }

    /**
     * Evaluates against the given context.
     *
     * @throws ExpressionException of kind EVALUATION (bad format string, invalid JSON, memory budget...)
     */
    public Value evaluate(EvaluationContext context) {
        return new Evaluator(Objects.requireNonNull(context, "context"), source).eval(root);
    }

    /**
     * Parses and evaluates once, allowing exactly the named values given (the protocol of GitHub's
     * language-neutral test suite, and {@code hearth expr}).
     *
     * @throws ExpressionException of any kind
     */
    public static Value evaluate(String source, ObjectValue namedValues) {
        Expression e = parse(source, ParseOptions.namedValues(new HashSet<>(namedValues.keys())));
        return e.evaluate(MapEvaluationContext.of(namedValues));
    }

    /** True when success(), always(), failure() or cancelled() is called anywhere in the expression. */
    public boolean callsStatusFunction() {
        return callsStatusFunction;
    }

    public String source() {
        return source;
    }

    /** The syntax tree. */
    public Node root() {
        return root;
    }

    @Override
    public String toString() {
        return source;
    }

    /** True when the value counts as true in a condition (GitHub's truthiness). */
    public static boolean isTruthy(Value value) {
        return Coercion.truthy(value);
    }

    /** The value as a string, as GitHub converts it (numbers like JavaScript, arrays as "Array"...). */
    public static String toDisplayString(Value value) {
        return Coercion.toStr(value);
    }

    /** The value as toJSON prints it: pretty JSON with two-space indentation. */
    public static String toJsonText(Value value) {
        return JsonText.write(value, null);
    }
}
