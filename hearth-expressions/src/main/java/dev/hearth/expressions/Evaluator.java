package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a syntax tree against an {@link EvaluationContext}. One instance per evaluation: it
 * carries the memory budget (see {@link Limits#MAX_EVALUATION_MEMORY}).
 */
final class Evaluator {

    private final EvaluationContext context;
    private final String source;
    private long memory;

    Evaluator(EvaluationContext context, String source) {
        this.context = context;
        this.source = source;
    }

    Value eval(Node node) {
        return switch (node) {
            case Node.Literal l -> l.value();
            case Node.NamedValue n -> {
                Value v = context.namedValue(n.name());
                yield v == null ? Value.NULL : v;
            }
            case Node.Property p -> property(eval(p.target()), p.name(), p.folded());
            case Node.Index i -> {
                Value idx = eval(i.index()); // GitHub evaluates the index before the target
                yield index(eval(i.target()), idx);
            }
            case Node.Filter f -> filter(eval(f.target()));
            case Node.Not n -> Value.of(!Coercion.truthy(eval(n.operand())));
            case Node.Comparison c -> comparison(c);
            case Node.Logical l -> logical(l);
            case Node.Call c -> Functions.call(this, c);
        };
    }

    EvaluationContext context() {
        return context;
    }

    private Value logical(Node.Logical l) {
        List<Node> operands = l.operands();
        Value result = Value.NULL;
        for (int i = 0, n = operands.size(); i < n; i++) {
            result = eval(operands.get(i));
            if (Coercion.truthy(result) != l.and()) break;
        }
        return result;
    }

    private Value comparison(Node.Comparison c) {
        Value left;
        if (c.left() instanceof Node.Comparison inner) {
            // Chains like a < b < c < ... nest to the left without limit; fold them iteratively.
            left = chain(inner);
        } else {
            left = eval(c.left());
        }
        return compare(c.operator(), left, eval(c.right()));
    }

    private Value chain(Node.Comparison c) {
        ArrayList<Node.Comparison> spine = new ArrayList<>();
        Node n = c;
        while (n instanceof Node.Comparison cc) {
            spine.add(cc);
            n = cc.left();
        }
        Value acc = eval(n);
        for (int i = spine.size() - 1; i >= 0; i--) {
            Node.Comparison cc = spine.get(i);
            acc = compare(cc.operator(), acc, eval(cc.right()));
        }
        return acc;
    }

    private static Value compare(Node.Operator op, Value l, Value r) {
        boolean result = switch (op) {
            case EQUAL -> Coercion.equal(l, r);
            case NOT_EQUAL -> !Coercion.equal(l, r);
            case GREATER -> Coercion.order(l, r) == 1;
            case LESS -> Coercion.order(l, r) == -1;
            case GREATER_EQUAL -> Coercion.equal(l, r) || Coercion.order(l, r) == 1;
            case LESS_EQUAL -> Coercion.equal(l, r) || Coercion.order(l, r) == -1;
        };
        return Value.of(result);
    }

    /** {@code target.name}: a name is never a valid array index, so only objects answer. */
    private static Value property(Value target, String name, String folded) {
        if (target instanceof ObjectValue o) {
            Value v = o.getFolded(folded);
            return v == null ? Value.NULL : v;
        }
        if (target instanceof ArrayValue a) {
            if (!a.isFiltered()) {
                return Value.NULL;
            }
            ArrayList<Value> out = new ArrayList<>(a.size());
            for (Value item : a.items()) {
                if (item instanceof ObjectValue o) {
                    Value v = o.getFolded(folded);
                    if (v != null) out.add(v);
                }
            }
            return ArrayValue.filtered(out);
        }
        return Value.NULL;
    }

    private static Value index(Value target, Value idx) {
        if (!(target instanceof ObjectValue) && !(target instanceof ArrayValue)) {
            return Value.NULL;
        }
        // An index is tried as a key (its string form) and as a position (its number, floored).
        String key = idx.isPrimitive() ? Coercion.toStr(idx) : null;
        double f = Coercion.toNumber(idx);
        long position = Double.isFinite(f) && f >= 0 ? (long) Math.floor(f) : -1;
        if (target instanceof ObjectValue o) {
            if (key == null) return Value.NULL;
            Value v = o.get(key);
            return v == null ? Value.NULL : v;
        }
        ArrayValue a = (ArrayValue) target;
        if (!a.isFiltered()) {
            return position >= 0 && position < a.size() ? a.get((int) position) : Value.NULL;
        }
        ArrayList<Value> out = new ArrayList<>(a.size());
        for (Value item : a.items()) {
            if (item instanceof ObjectValue o) {
                if (key != null) {
                    Value v = o.get(key);
                    if (v != null) out.add(v);
                }
            } else if (item instanceof ArrayValue inner) {
                if (position >= 0 && position < inner.size()) out.add(inner.get((int) position));
            }
        }
        return ArrayValue.filtered(out);
    }

    private static Value filter(Value target) {
        if (target instanceof ObjectValue o) {
            return ArrayValue.filtered(new ArrayList<>(o.values()));
        }
        if (target instanceof ArrayValue a) {
            if (!a.isFiltered()) {
                return ArrayValue.filtered(new ArrayList<>(a.items()));
            }
            // A filter of a filter flattens one level: the items of every object and array.
            ArrayList<Value> out = new ArrayList<>();
            for (Value item : a.items()) {
                if (item instanceof ObjectValue o) out.addAll(o.values());
                else if (item instanceof ArrayValue inner) out.addAll(inner.items());
            }
            return ArrayValue.filtered(out);
        }
        return ArrayValue.filtered(new ArrayList<>(0));
    }

    /** Charges {@code chars} UTF-16 characters against the budget; fails fast when it runs out. */
    void charge(long chars) {
        memory += chars * 2;
        if (memory > Limits.MAX_EVALUATION_MEMORY) {
            throw ExpressionException.evaluation(
                    "The maximum allowed memory size was exceeded while evaluating the following expression: "
                            + abbreviated());
        }
    }

    /** Whether {@code chars} more characters would still fit the budget. */
    boolean fits(long chars) {
        return memory + chars * 2 <= Limits.MAX_EVALUATION_MEMORY;
    }

    private String abbreviated() {
        return source.length() <= 200 ? source : source.substring(0, 200) + "...";
    }
}
