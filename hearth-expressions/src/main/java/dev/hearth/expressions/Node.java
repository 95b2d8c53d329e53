package dev.hearth.expressions;

import java.util.List;

/**
 * The syntax tree of a parsed expression. Immutable; the evaluator walks it. Positions are
 * 0-based offsets into the source of the token that introduced the node.
 */
public sealed interface Node {

    /** A literal: null, a boolean, a number or a string. */
    record Literal(Value value) implements Node {
    }

    /** A named value (a context such as {@code github}); {@code name} as written. */
    record NamedValue(String name, int position) implements Node {
    }

    /** {@code target.name}; {@code folded} is the name lower-cased for lookup. */
    record Property(Node target, String name, String folded) implements Node {
    }

    /** {@code target[index]}. */
    record Index(Node target, Node index) implements Node {
    }

    /** {@code target.*} or {@code target[*]}: the object filter. */
    record Filter(Node target) implements Node {
    }

    /** {@code !operand}. */
    record Not(Node operand) implements Node {
    }

    /** A comparison: {@code == != < <= > >=}. */
    record Comparison(Operator operator, Node left, Node right) implements Node {
    }

    /** {@code a && b && ...} ({@code and}) or {@code a || b || ...}: returns an operand, short-circuits. */
    record Logical(boolean and, List<Node> operands) implements Node {
    }

    /** A function call; {@code name} as written. */
    record Call(BuiltinFunction function, String name, List<Node> arguments, int position) implements Node {
    }

    /** The comparison operators. */
    enum Operator {
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
