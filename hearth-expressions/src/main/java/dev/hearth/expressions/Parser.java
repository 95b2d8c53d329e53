package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser with GitHub's precedence (lowest first): {@code ||}, {@code &&},
 * {@code == !=}, {@code < <= > >=}, {@code !}, then {@code . [ ]} after a named value, call or
 * parenthesised group. Nesting depth is counted exactly as GitHub counts it so the same
 * expressions are accepted and rejected. Function arity is checked here, as GitHub does.
 */
final class Parser {

    private final String source;
    private final Token[] tokens;
    private final ParseOptions options;
    private int current;
    private int depth;
    /** Whether the last primary may be followed by {@code .} / {@code [ ]}. */
    private boolean indexable;
    boolean callsStatusFunction;

    Parser(String source, Token[] tokens, ParseOptions options) {
        this.source = source;
        this.tokens = tokens;
        this.options = options;
    }

    Node parse() {
        if (atEnd()) {
            return new Node.Literal(Value.NULL);
        }
        Node result = expression();
        if (!atEnd()) {
            throw unexpected(peek());
        }
        return result;
    }

    private Node expression() {
        enter();
        Node n = logicalOr();
        depth--;
        return n;
    }

    private Node logicalOr() {
        Node first = logicalAnd();
        if (!check(TokenType.OR)) return first;
        enter();
        List<Node> operands = new ArrayList<>(4);
        operands.add(first);
        while (match(TokenType.OR)) operands.add(logicalAnd());
        depth--;
        return new Node.Logical(false, List.copyOf(operands));
    }

    private Node logicalAnd() {
        Node first = equality();
        if (!check(TokenType.AND)) return first;
        enter();
        List<Node> operands = new ArrayList<>(4);
        operands.add(first);
        while (match(TokenType.AND)) operands.add(equality());
        depth--;
        return new Node.Logical(true, List.copyOf(operands));
    }

    private Node equality() {
        Node left = comparison();
        while (true) {
            Node.Operator op;
            if (match(TokenType.EQUAL_EQUAL)) op = Node.Operator.EQUAL;
            else if (match(TokenType.BANG_EQUAL)) op = Node.Operator.NOT_EQUAL;
            else return left;
            left = new Node.Comparison(op, left, comparison());
        }
    }

    private Node comparison() {
        Node left = unary();
        while (true) {
            Node.Operator op;
            if (match(TokenType.GREATER)) op = Node.Operator.GREATER;
            else if (match(TokenType.GREATER_EQUAL)) op = Node.Operator.GREATER_EQUAL;
            else if (match(TokenType.LESS)) op = Node.Operator.LESS;
            else if (match(TokenType.LESS_EQUAL)) op = Node.Operator.LESS_EQUAL;
            else return left;
            left = new Node.Comparison(op, left, unary());
        }
    }

    private Node unary() {
        if (match(TokenType.BANG)) {
            enter();
            Node operand = unary();
            depth--;
            return new Node.Not(operand);
        }
        return index();
    }

    private Node index() {
        Node expr = call();
        if (!indexable) return expr;
        int entered = 0;
        while (true) {
            if (match(TokenType.LEFT_BRACKET)) {
                boolean star = match(TokenType.STAR);
                Node idx = star ? null : expression();
                consume(TokenType.RIGHT_BRACKET);
                enter();
                entered++;
                expr = star ? new Node.Filter(expr) : new Node.Index(expr, idx);
            } else if (match(TokenType.DOT)) {
                enter();
                entered++;
                if (match(TokenType.IDENTIFIER)) {
                    Token t = previous();
                    String name = source.substring(t.start(), t.end());
                    expr = new Node.Property(expr, name, Keys.fold(name));
                } else if (match(TokenType.STAR)) {
                    expr = new Node.Filter(expr);
                } else {
                    throw unexpected(peek());
                }
            } else {
                break;
            }
        }
        depth -= entered;
        return expr;
    }

    private Node call() {
        if (!check(TokenType.IDENTIFIER)) {
            return primary();
        }
        Token identifier = next();
        String name = source.substring(identifier.start(), identifier.end());
        indexable = true;
        if (!match(TokenType.LEFT_PAREN)) {
            if (!options.allowsNamedValue(name)) {
                throw error("Unrecognized named-value", name, identifier);
            }
            return new Node.NamedValue(name, identifier.start());
        }
        List<Node> args = new ArrayList<>(4);
        while (!match(TokenType.RIGHT_PAREN)) {
            args.add(expression());
            if (!check(TokenType.RIGHT_PAREN)) consume(TokenType.COMMA);
        }
        BuiltinFunction f = BuiltinFunction.byName(name);
        if (f == null || !options.allowsFunction(f)) {
            throw error("Unrecognized function", name, identifier);
        }
        if (args.size() < options.minArgs(f)) throw error("Too few parameters supplied", name, identifier);
        if (args.size() > options.maxArgs(f)) throw error("Too many parameters supplied", name, identifier);
        if (f == BuiltinFunction.CASE && args.size() % 2 == 0) {
            throw error("Even number of parameters supplied, requires an odd number of parameters", name, identifier);
        }
        if (f.isStatusFunction()) callsStatusFunction = true;
        indexable = true;
        return new Node.Call(f, name, List.copyOf(args), identifier.start());
    }

    private Node primary() {
        indexable = false;
        Token t = peek();
        switch (t.type()) {
            case FALSE -> {
                next();
                return new Node.Literal(Value.FALSE);
            }
            case TRUE -> {
                next();
                return new Node.Literal(Value.TRUE);
            }
            case NULL -> {
                next();
                return new Node.Literal(Value.NULL);
            }
            case NUMBER -> {
                next();
                return new Node.Literal(Value.of(t.number()));
            }
            case STRING -> {
                next();
                return new Node.Literal(Value.of(t.text()));
            }
            case LEFT_PAREN -> {
                next();
                Node inner = expression();
                if (atEnd()) throw endOfExpression();
                consume(TokenType.RIGHT_PAREN);
                indexable = true;
                return inner;
            }
            case EOF -> throw endOfExpression();
            default -> throw unexpected(t);
        }
    }

    private void enter() {
        if (++depth > Limits.MAX_DEPTH) {
            Token t = peek();
            throw new ExpressionException(ExpressionException.Kind.PARSING, t.start() + 1,
                    "Exceeded max expression depth " + Limits.MAX_DEPTH + ". Located at position " + (t.start() + 1)
                            + " within expression: " + source);
        }
    }

    private boolean match(TokenType type) {
        if (check(type)) {
            current++;
            return true;
        }
        return false;
    }

    private boolean check(TokenType type) {
        TokenType t = tokens[current].type();
        return t != TokenType.EOF && t == type;
    }

    private boolean atEnd() {
        return tokens[current].type() == TokenType.EOF;
    }

    private Token next() {
        if (!atEnd()) current++;
        return previous();
    }

    private Token peek() {
        return tokens[current];
    }

    private Token previous() {
        return tokens[current - 1];
    }

    private void consume(TokenType type) {
        if (!match(type)) throw unexpected(peek());
    }

    private ExpressionException unexpected(Token t) {
        if (t.type() == TokenType.EOF) return endOfExpression();
        return error("Unexpected symbol", t.describe(source), t);
    }

    /** GitHub reports the token before the end, so the user sees where the expression stopped. */
    private ExpressionException endOfExpression() {
        Token last = current > 0 ? previous() : peek();
        return error("Unexpected end of expression", last.describe(source), last);
    }

    private ExpressionException error(String what, String symbol, Token at) {
        return ExpressionException.at(ExpressionException.Kind.PARSING, what, symbol, at.start(), source);
    }
}
