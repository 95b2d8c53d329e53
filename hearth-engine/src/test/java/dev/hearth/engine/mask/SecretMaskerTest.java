package dev.hearth.engine.mask;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {
    private final SecretMasker masker = new SecretMasker();

    @Test
    void masksEveryOccurrenceOfAPlainSecret() {
        masker.add("hunter2");
        assertThat(masker.mask("token hunter2 end, again hunter2")).isEqualTo("token *** end, again ***");
        assertThat(masker.mask("hunter")).isEqualTo("hunter");
    }

    @Test
    void withoutSecretsTextComesBackUnchanged() {
        String text = "nothing to hide";
        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask(text)).isSameAs(text);
        assertThat(masker.mask(null)).isNull();
        masker.add("elsewhere");
        assertThat(masker.mask(text)).isSameAs(text);
    }

    @Test
    void emptyAndWhitespaceOnlyValuesAreNeverRegistered() {
        masker.add(null);
        masker.add("");
        masker.add("   ");
        masker.add("\n\t\r\n");
        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask("a b  c")).isEqualTo("a b  c");
    }

    @Test
    void aOneCharacterSecretAddedOnPurposeIsMasked() {
        masker.add("x");
        assertThat(masker.mask("xyz x")).isEqualTo("***yz ***");
    }

    @Test
    void eachLineOfAMultiLineSecretIsMaskedWhenPrintedAlone() {
        String key = "-----BEGIN KEY-----\r\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\n  indented-line  \n}\n-----END KEY-----";
        masker.add(key);
        assertThat(masker.mask(key)).isEqualTo("***");
        assertThat(masker.mask("-----BEGIN KEY-----")).isEqualTo("***");
        assertThat(masker.mask("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).isEqualTo("***");
        assertThat(masker.mask("  indented-line  ")).isEqualTo("***");
        assertThat(masker.mask("echo indented-line;")).isEqualTo("echo ***;");
        assertThat(masker.mask("-----END KEY-----")).isEqualTo("***");
        // A one-character line carries nothing of the secret: masking every brace would wreck the log.
        assertThat(masker.mask("if (a) { b(); }")).isEqualTo("if (a) { b(); }");
    }

    @Test
    void overlappingAndTouchingSecretsBecomeOneMask() {
        masker.add("abcdef");
        masker.add("defghi");
        assertThat(masker.mask("xxabcdefghixx")).isEqualTo("xx***xx");
        assertThat(masker.mask("abcdefabcdef")).isEqualTo("***");
        assertThat(masker.mask("abcdef defghi")).isEqualTo("*** ***");
    }

    @Test
    void theLongestSecretWinsOverOneItContains() {
        masker.add("pass");
        masker.add("password123");
        assertThat(masker.mask("password1234")).isEqualTo("***4");
        assertThat(masker.mask("a pass and a password12")).isEqualTo("a *** and a ***word12");
    }

    @Test
    void aSecretRepeatingItselfIsMaskedWhereverItOverlaps() {
        masker.add("aaa");
        assertThat(masker.mask("baaaab")).isEqualTo("b***b");
        assertThat(masker.mask("aa")).isEqualTo("aa");
    }

    @Test
    void regularExpressionMetacharactersAreLiteral() {
        String secret = "a.b*c+(d)[e]{2}$^|\\Q\\E?";
        masker.add(secret);
        assertThat(masker.mask("value=" + secret + ";")).isEqualTo("value=***;");
        assertThat(masker.mask("axbbbbc+(d)[e]{2}")).isEqualTo("axbbbbc+(d)[e]{2}");
        assertThat(masker.mask(".*")).isEqualTo(".*");
    }

    @Test
    void jsonPrintedByJqIsMasked() throws Exception {
        String secret = "p\"a\\ss\nw\u00f6rd\ttab";
        masker.add(secret);
        String json = Processes.run(Map.of("SECRET", secret), "jq", "-cn", "--arg", "s", secret, "{token: $s}").strip();
        assertThat(json).contains("\\\"").contains("\\n");
        assertThat(masker.mask(json)).isEqualTo("{\"token\":\"***\"}");
    }

    @Test
    void jsonWithNonAsciiEscapedByPythonIsMasked() throws Exception {
        String secret = "cl\u00e9-\u20ac-\uD83D\uDE00-s3cret";
        masker.add(secret);
        String json = Processes.run(Map.of("SECRET", secret), "python3", "-c",
                "import json, os; print(json.dumps({'k': os.environ['SECRET']}))").strip();
        assertThat(json).contains("\\u00e9").contains("\\ud83d");
        assertThat(masker.mask(json)).isEqualTo("{\"k\": \"***\"}");
    }

    @Test
    void urlEncodedSecretsAreMasked() throws Exception {
        String secret = "p@ss w/rd&x=1+~";
        masker.add(secret);
        String uri = Processes.run(Map.of(), "jq", "-rn", "--arg", "s", secret, "$s|@uri").strip();
        assertThat(uri).isEqualTo("p%40ss%20w%2Frd%26x%3D1%2B~");
        assertThat(masker.mask("https://h/?token=" + uri + "&a=b")).isEqualTo("https://h/?token=***&a=b");
        String form = Processes.run(Map.of("SECRET", secret), "python3", "-c",
                "import os, urllib.parse; print(urllib.parse.quote_plus(os.environ['SECRET']))").strip();
        assertThat(masker.mask("token=" + form)).isEqualTo("token=***");
    }

    @Test
    void base64OfTheSecretIsMaskedWholeAndInsideLongerBase64() throws Exception {
        String secret = "correct-horse-battery";
        masker.add(secret);
        String whole = Processes.run(Map.of(), "bash", "-c", "printf %s '" + secret + "' | base64 -w0");
        assertThat(masker.mask("Basic " + whole)).isEqualTo("Basic ***");
        // Basic auth and docker configs encode "user:secret": the secret sits at every alignment.
        for (String user : List.of("u", "us", "use", "user")) {
            String encoded = Processes.run(Map.of(), "bash", "-c", "printf %s '" + user + ":" + secret + "' | base64 -w0");
            String masked = masker.mask("Authorization: Basic " + encoded);
            // What stays readable: the groups holding "user:" and at most one group after the secret.
            int prefixChars = (user.length() + 1 + 2) / 3 * 4;
            assertThat(masked).as("user %s: %s", user, encoded)
                    .matches("Authorization: Basic [A-Za-z0-9+/]{0," + prefixChars + "}\\*\\*\\*[A-Za-z0-9+/=]{0,4}");
        }
    }

    @Test
    void addingTheSameSecretTwiceChangesNothing() {
        masker.add("s3cr3t-value");
        int patterns = masker.patternCount();
        masker.add("s3cr3t-value");
        assertThat(masker.patternCount()).isEqualTo(patterns);
        masker.addAll(List.of("s3cr3t-value", "another-one"));
        assertThat(masker.patternCount()).isGreaterThan(patterns);
        assertThat(masker.mask("s3cr3t-value another-one")).isEqualTo("*** ***");
    }

    @Test
    void secretsAddedFromManyThreadsWhileOthersMaskAreAllMaskedInTheEnd() throws Exception {
        int writers = 4;
        int perWriter = 50;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        masker.add("secret-" + id + "-" + i + "-x");
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }));
        }
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    String masked = masker.mask("line secret-1-1-x and secret-2-3-x");
                    assertThat(masked).startsWith("line ");
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        reader.join();
        assertThat(failure.get()).isNull();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < perWriter; i++) {
                assertThat(masker.mask("[secret-" + w + "-" + i + "-x]")).isEqualTo("[***]");
            }
        }
    }
}
