package dev.hearth.workflow.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.MapEvaluationContext;
import dev.hearth.expressions.ParseOptions;
import dev.hearth.expressions.Template;
import dev.hearth.expressions.Value;
import java.util.Map;
import java.util.Set;

/**
 * The few expressions a plan can work out before the run: those that use no context at all
 * ({@code fromJSON('...')} of a literal), and job names that use only {@code matrix}.
 */
final class PlanTimeExpressions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ParseOptions NO_CONTEXTS = ParseOptions.namedValues(Set.of());
    private static final ParseOptions MATRIX_ONLY = ParseOptions.namedValues(Set.of("matrix"));

    private PlanTimeExpressions() {
    }

    /**
     * The value of a string that is one {@code ${{ }}} expression using no context, as plain Java data
     * (maps, lists, Double, Boolean, String); null when it is not one or cannot be evaluated now.
     */
    static Object constant(String raw) {
        try {
            Template t = Template.parse(raw.strip());
            if (t.segments().size() != 1 || !(t.segments().getFirst() instanceof Template.ExpressionSegment e)) {
                return null;
            }
            Value v = Expression.parse(e.source(), NO_CONTEXTS).evaluate(MapEvaluationContext.of(Map.of()));
            return JSON.convertValue(v.toJson(), Object.class);
        } catch (ExpressionException | IllegalArgumentException ex) {
            return null;
        }
    }

    /** A name template evaluated with a leg's matrix values; null when it needs more than {@code matrix}. */
    static String withMatrix(String template, Map<String, Object> matrix) {
        try {
            Template t = Template.parse(template);
            Map<String, Value> named = Map.of("matrix", Value.fromJson(JSON.valueToTree(matrix)));
            MapEvaluationContext context = MapEvaluationContext.of(named);
            StringBuilder out = new StringBuilder(template.length());
            for (Template.Segment s : t.segments()) {
                switch (s) {
                    case Template.Literal l -> out.append(l.text());
                    case Template.ExpressionSegment e -> out.append(Expression.toDisplayString(
                            Expression.parse(e.source(), MATRIX_ONLY).evaluate(context)));
                }
            }
            return out.toString();
        } catch (ExpressionException | IllegalArgumentException ex) {
            return null;
        }
    }
}
