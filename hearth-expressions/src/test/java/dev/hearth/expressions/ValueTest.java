package dev.hearth.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void objectsLookUpKeysIgnoringCaseAndKeepOrderAndSpelling() {
        ObjectValue o = ObjectValue.builder().put("Zeta", Value.of(1)).put("alpha", Value.TRUE)
                .put("ZETA", Value.of(2)).put("Zeta", Value.of(3)).build();
        assertThat(o.keys()).containsExactly("Zeta", "alpha");
        assertThat(o.get("zeta")).isEqualTo(Value.of(3));
        assertThat(o.get("ALPHA")).isEqualTo(Value.TRUE);
        assertThat(o.get("beta")).isNull();
        assertThat(o.containsKey("zEtA")).isTrue();
    }

    @Test
    void aBuilderHandsItsEntriesOverOnce() {
        ObjectValue.Builder b = ObjectValue.builder().put("a", Value.NULL);
        ObjectValue o = b.build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.put("b", Value.NULL))
                .isInstanceOf(IllegalStateException.class);
        assertThat(o.keys()).containsExactly("a");
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = "{\"a\":[1,2.5,\"x\",true,null,{}],\"b\":{\"c\":-3}}";
        Value v = Value.fromJson(json.readTree(text));
        assertThat(v.kind()).isEqualTo(Value.Kind.OBJECT);
        assertThat(json.writeValueAsString(v.toJson())).isEqualTo(text);
    }

    @Test
    void nonFiniteNumbersBecomeStringsInJson() {
        assertThat(Value.of(Double.NaN).toJson().textValue()).isEqualTo("NaN");
        assertThat(Value.of(Double.NEGATIVE_INFINITY).toJson().textValue()).isEqualTo("-Infinity");
        assertThat(Value.of(1.0).toJson().isIntegralNumber()).isTrue();
    }

    @Test
    void arraysAndObjectsAreNotPrimitive() {
        assertThat(ArrayValue.of(List.of()).isPrimitive()).isFalse();
        assertThat(ObjectValue.builder().build().isPrimitive()).isFalse();
        assertThat(Value.NULL.isPrimitive()).isTrue();
        assertThat(Value.Kind.OBJECT.title()).isEqualTo("Object");
    }

    @Test
    void displayHelpers() {
        assertThat(Expression.isTruthy(Value.of("0"))).isTrue();
        assertThat(Expression.toDisplayString(Value.of(3.0))).isEqualTo("3");
        assertThat(Expression.toJsonText(ArrayValue.of(List.of(Value.of("a"))))).isEqualTo("[\n  \"a\"\n]");
    }
}
