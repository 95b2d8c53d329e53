package dev.hearth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadCheckTest {

    private static PayloadCheck.Verdict of(String body) {
        return PayloadCheck.of(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheTopLevelActionOnly() {
        assertThat(of("{\"pull_request\":{\"action\":\"inner\",\"a\":[1,{\"action\":\"x\"}]},\"action\":\"opened\"}"))
                .isEqualTo(new PayloadCheck.Payload("opened"));
        assertThat(of("{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"1\"}]}"))
                .isEqualTo(new PayloadCheck.Payload(null));
        assertThat(of("{\"action\":7}")).isEqualTo(new PayloadCheck.Payload(null));
        assertThat(of("{\"action\":\"a\",\"action\":\"b\"}")).isEqualTo(new PayloadCheck.Payload("b"));
        assertThat(of("  {}  \n")).isEqualTo(new PayloadCheck.Payload(null));
    }

    @Test
    void tellsOtherJsonFromNoJson() {
        assertThat(of("[1,2]")).isInstanceOf(PayloadCheck.NotAnObject.class);
        assertThat(of("\"text\"")).isInstanceOf(PayloadCheck.NotAnObject.class);
        assertThat(of("null")).isInstanceOf(PayloadCheck.NotAnObject.class);
        for (String bad : new String[] {"", "   ", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":[1,2}", "{} {}",
                "{\"a\":1} trailing", "[1] 2", "not json", "{'a':1}", "{\"a\":\"\\x\"}"}) {
            assertThat(of(bad)).as(bad).isInstanceOf(PayloadCheck.Malformed.class);
        }
        assertThat(PayloadCheck.of(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}))
                .as("a broken UTF-8 sequence").isInstanceOf(PayloadCheck.Malformed.class);
    }
}
