package dev.hearth.workflow.schema;

import dev.hearth.expressions.Limits;
import dev.hearth.workflow.validate.ExpressionCheck;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.validate.ScalarTemplate;
import dev.hearth.workflow.yaml.ScalarStyle;
import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;
import dev.hearth.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks a YAML tree against the schema the way GitHub's template reader does: alternatives are
 * chosen by the node's kind, a mapping with several candidate types keeps those that know each key,
 * scalars may be coerced to strings, and {@code ${{ }}} is checked against the key's context.
 */
public final class SchemaValidator {
    private final Schema schema;
    private final String file;
    private final List<Problem> problems;

    private SchemaValidator(Schema schema, String file, List<Problem> problems) {
        this.schema = schema;
        this.file = file;
        this.problems = problems;
    }

    /** Checks {@code root} against the schema type {@code type}, adding problems to {@code out}. */
    public static void validate(Schema schema, String file, YamlNode root, String type, List<Problem> out) {
        new SchemaValidator(schema, file, out).read(root, schema.type(type), Context.NONE);
    }

    private record Leaf(TypeDef def, Context context) {
    }

    private List<Leaf> leaves(TypeDef def, Context inherited) {
        List<Leaf> out = new ArrayList<>(4);
        collect(def, inherited, out, 0);
        return out;
    }

    private void collect(TypeDef def, Context inherited, List<Leaf> out, int depth) {
        Context ctx = def.context() != null ? def.context() : inherited;
        if (def instanceof TypeDef.OneOf o && depth < 8) {
            for (String alt : o.alternatives()) {
                collect(schema.type(alt), ctx, out, depth + 1);
            }
        } else {
            out.add(new Leaf(def, ctx));
        }
    }

    private void read(YamlNode node, TypeDef def, Context inherited) {
        List<Leaf> leaves = leaves(def, inherited);
        Context ctx = def.context() != null ? def.context() : inherited;
        switch (node) {
            case YamlScalar s -> scalar(s, leaves, ctx);
            case YamlSequence seq -> sequence(seq, leaves);
            case YamlMapping m -> mapping(m, leaves, ctx);
        }
    }

    private void sequence(YamlSequence seq, List<Leaf> leaves) {
        for (Leaf l : leaves) {
            if (l.def instanceof TypeDef.Sequence s) {
                TypeDef item = schema.type(s.item());
                for (YamlNode n : seq.items()) {
                    read(n, item, l.context);
                }
                return;
            }
            if (l.def instanceof TypeDef.Any) {
                for (YamlNode n : seq.items()) {
                    read(n, l.def, l.context);
                }
                return;
            }
        }
        error(seq, "A sequence was not expected");
    }

    private void mapping(YamlMapping m, List<Leaf> leaves, Context ctx) {
        List<TypeDef.Mapping> candidates = new ArrayList<>(2);
        Context mapCtx = ctx;
        for (Leaf l : leaves) {
            if (l.def instanceof TypeDef.Mapping md) {
                if (candidates.isEmpty()) {
                    mapCtx = l.context;
                }
                candidates.add(md);
            } else if (l.def instanceof TypeDef.Any) {
                if (candidates.isEmpty()) {
                    mapCtx = l.context;
                }
                candidates.add(new TypeDef.Mapping(Map.of(), "any", null));
            }
        }
        if (candidates.isEmpty()) {
            error(m, "A mapping was not expected");
            return;
        }
        boolean expressionKey = false;
        Set<String> seen = new HashSet<>();
        for (YamlMapping.Entry e : m.entries()) {
            YamlScalar key = e.key();
            if (key.isString() && ScalarTemplate.mayHaveExpressions(key.value())) {
                expressionKey = true;
                if (!expressionScalar(key, mapCtx, true)) {
                    continue;
                }
                read(e.value(), schema.type("any"), mapCtx);
                continue;
            }
            String name = key.text();
            seen.add(name);
            List<TypeDef.Mapping> having = new ArrayList<>(candidates.size());
            for (TypeDef.Mapping c : candidates) {
                if (c.properties().containsKey(name)) {
                    having.add(c);
                }
            }
            if (!having.isEmpty()) {
                candidates = having;
                read(e.value(), schema.type(having.get(0).properties().get(name).type()), mapCtx);
            } else if (candidates.get(0).other() != null) {
                if (name.isEmpty()) {
                    error(key, "Unexpected value ''");
                }
                read(e.value(), schema.type(candidates.get(0).other()), mapCtx);
            } else {
                error(key, "Unexpected value '" + name + "'");
            }
        }
        if (candidates.size() > 1) {
            Map<String, Integer> hits = new HashMap<>();
            for (TypeDef.Mapping c : candidates) {
                for (String k : c.properties().keySet()) {
                    hits.merge(k, 1, Integer::sum);
                }
            }
            TreeSet<String> unique = new TreeSet<>();
            hits.forEach((k, v) -> {
                if (v == 1) {
                    unique.add(k);
                }
            });
            error(m, "There's not enough info to determine what you meant. Add one of these properties: "
                    + String.join(", ", unique));
        } else if (!expressionKey) {
            for (Map.Entry<String, TypeDef.Property> p : candidates.get(0).properties().entrySet()) {
                if (p.getValue().required() && !seen.contains(p.getKey())) {
                    error(m, "Required property is missing: " + p.getKey());
                }
            }
        }
    }

    private void scalar(YamlScalar s, List<Leaf> leaves, Context ctx) {
        if (s.isString() && ScalarTemplate.mayHaveExpressions(s.value())) {
            ScalarTemplate t = ScalarTemplate.parse(s.value());
            String literal = t.error() == null ? t.literalValue() : null;
            if (literal == null) {
                expressionScalar(s, ctx, false);
                return;
            }
            literal(s, literal, ScalarLiteral.STRING, leaves);
            return;
        }
        literal(s, s.text(), kindOf(s), leaves);
    }

    private enum ScalarLiteral { STRING, BOOLEAN, NUMBER, NULL }

    private static ScalarLiteral kindOf(YamlScalar s) {
        return switch (s.type()) {
            case STRING -> ScalarLiteral.STRING;
            case BOOL -> ScalarLiteral.BOOLEAN;
            case INT, FLOAT -> ScalarLiteral.NUMBER;
            case NULL -> ScalarLiteral.NULL;
        };
    }

    private void literal(YamlScalar s, String text, ScalarLiteral kind, List<Leaf> leaves) {
        for (Leaf l : leaves) {
            if (l.def instanceof TypeDef.Any || (l.def instanceof TypeDef.Scalar d && matches(d, kind, text))) {
                return;
            }
        }
        if (kind != ScalarLiteral.STRING) {
            for (Leaf l : leaves) {
                if (l.def instanceof TypeDef.Scalar d && matches(d, ScalarLiteral.STRING, text)) {
                    return;
                }
            }
        }
        error(s, "Unexpected value '" + text + "'");
    }

    private static boolean matches(TypeDef.Scalar d, ScalarLiteral kind, String text) {
        return switch (d.kind()) {
            case NULL -> kind == ScalarLiteral.NULL;
            case BOOLEAN -> kind == ScalarLiteral.BOOLEAN;
            case NUMBER -> kind == ScalarLiteral.NUMBER;
            case STRING -> kind == ScalarLiteral.STRING && (!d.nonEmpty() || !text.isEmpty())
                    && (d.literals().isEmpty() || d.literals().contains(text));
        };
    }

    /**
     * Checks a scalar holding {@code ${{ }}}; returns whether it is a usable expression value.
     * A key may be a whole {@code ${{ insert }}}; elsewhere the directive is refused.
     */
    private boolean expressionScalar(YamlScalar s, Context ctx, boolean isKey) {
        ScalarTemplate t = ScalarTemplate.parse(s.value());
        if (t.error() != null) {
            int[] p = t.error().startsWith("An expression") ? at(s, t.errorOffset()) : new int[] {s.line(), s.column()};
            problems.add(Problem.of(file, p[0], p[1], t.error()));
            return false;
        }
        boolean ok = true;
        for (ScalarTemplate.Segment seg : t.segments()) {
            if (!seg.expression()) {
                continue;
            }
            if (isInsert(seg.text())) {
                if (!t.isSingleExpression()) {
                    error(s, "The directive 'insert' is not allowed in this context. Directives are not supported "
                            + "for expressions that are embedded within a string. Directives are only supported "
                            + "when the entire value is an expression.");
                    return false;
                }
                continue;
            }
            String message = ExpressionCheck.check(seg.text(), ctx);
            if (message != null) {
                int[] p = at(s, seg.offset());
                problems.add(Problem.of(file, p[0], p[1], message));
                ok = false;
            }
        }
        if (ok && !ctx.allowsExpressions()) {
            error(s, "A template expression is not allowed in this context");
            return false;
        }
        // Text with embedded expressions is evaluated as one format(...) expression, and GitHub holds
        // that to the length limit too (a single expression is held to it by the parser).
        if (ok && !t.isSingleExpression() && t.toExpressionSource().length() > Limits.MAX_EXPRESSION_LENGTH) {
            error(s, "Exceeded max expression length " + Limits.MAX_EXPRESSION_LENGTH);
            return false;
        }
        return ok;
    }

    private static boolean isInsert(String expr) {
        return expr.equals("insert");
    }

    /** The position of a character of a scalar's value, for messages about one expression in it. */
    static int[] at(YamlScalar s, int offset) {
        String v = s.value();
        int newlines = 0;
        int lastNewline = -1;
        for (int i = 0; i < offset && i < v.length(); i++) {
            if (v.charAt(i) == '\n') {
                newlines++;
                lastNewline = i;
            }
        }
        boolean block = s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED;
        if (block) {
            return new int[] {s.line() + 1 + newlines, offset - lastNewline};
        }
        if (newlines > 0) {
            return new int[] {s.line() + newlines, offset - lastNewline};
        }
        int quote = s.style() == ScalarStyle.PLAIN ? 0 : 1;
        return new int[] {s.line(), s.column() + quote + offset};
    }

    private void error(YamlNode n, String message) {
        problems.add(Problem.of(file, n.line(), n.column(), message));
    }
}
