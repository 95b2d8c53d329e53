package dev.hearth.engine.mask;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFormsTest {

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        assertThat(SecretForms.json("a\"b\\c\nd\re\tf\u0001\u00e9", false)).isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\u0001\u00e9");
        assertThat(SecretForms.json("\u00e9\uD83D\uDE00", true)).isEqualTo("\\u00e9\\ud83d\\ude00");
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharacters() {
        assertThat(SecretForms.percentEncoded("aZ0-._~ /?é")).isEqualTo("aZ0-._~%20%2F%3F%C3%A9");
    }

    @Test
    void base64FragmentsAreWhatEveryAlignmentDetermines() {
        byte[] secret = "abcdefg".getBytes(StandardCharsets.UTF_8);
        // Whole: YWJjZGVmZw==; from byte 0: 7 bytes fix 9 characters; from byte 1: 6 bytes fix 8; from
        // byte 2: 5 bytes fix 6 (the 7th shares bits with whatever follows).
        assertThat(SecretForms.base64(secret)).containsExactly("YWJjZGVmZw==", "YWJjZGVmZ", "YmNkZWZn", "Y2RlZm");
    }

    @Test
    void theLiteralItselfIsNotAnEncoding() {
        assertThat(SecretForms.encodings("plain")).doesNotContain("plain").contains("cGxhaW4=");
    }
}
