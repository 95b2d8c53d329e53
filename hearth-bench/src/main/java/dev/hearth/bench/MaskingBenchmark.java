package dev.hearth.bench;

import dev.hearth.engine.mask.SecretMasker;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of masking one log line, which the engine pays for every line a step prints: a typical
 * 100-character line with 0, 5 or 50 secrets registered (each with its lines and encoded forms), once
 * for a line that holds no secret (the usual case) and once for a line that holds one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskingBenchmark {

    @Param({"0", "5", "50"})
    public int secrets;

    private SecretMasker masker;
    private String plainLine;
    private String lineWithSecret;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        masker = new SecretMasker();
        String first = null;
        for (int i = 0; i < secrets; i++) {
            String secret = switch (i % 3) {
                case 0 -> "ghp_" + token(random, 36);
                case 1 -> token(random, 24) + "/+=" + token(random, 8);
                default -> "-----BEGIN KEY-----\n" + token(random, 64) + "\n" + token(random, 40) + "\n-----END KEY-----";
            };
            masker.add(secret);
            first = first == null ? secret : first;
        }
        plainLine = "2026-11-21T10:15:42.118Z [INFO] Downloading https://registry.example.org/pkg/lib-4.2.1.tgz (312 kB)";
        String secret = first == null ? "ghp_notregistered000000000000000000000" : first;
        lineWithSecret = "curl -H 'Authorization: token " + secret + "' https://api.example.org/x";
    }

    private static String token(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Benchmark
    public String plainLine() {
        return masker.mask(plainLine);
    }

    @Benchmark
    public String lineWithSecret() {
        return masker.mask(lineWithSecret);
    }
}
