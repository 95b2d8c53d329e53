package dev.hearth.engine.job;

import java.io.FileInputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * Fresh, unguessable names for a step's files: 32 hex digits, like GitHub's UUIDs without their
 * dashes. Unguessable because a step must not foresee the next step's script file. The random bytes
 * are drawn 64 names at a time: a draw per step cost more than the rest of naming the step.
 */
final class StepFileNames {
    private static final byte[] POOL = new byte[16 * 64]; // guarded by POOL
    private static int used = POOL.length; // guarded by POOL
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StepFileNames() {
    }

    static String next() {
        char[] id = new char[32];
        synchronized (POOL) {
            if (used == POOL.length) {
                refill();
                used = 0;
            }
            for (int i = 0; i < 16; i++) {
                int b = POOL[used + i] & 0xff;
                id[2 * i] = HEX[b >>> 4];
                id[2 * i + 1] = HEX[b & 0xf];
            }
            used += 16;
        }
        return new String(id);
    }

    /**
     * Straight from the kernel's generator: the JDK's default SecureRandom mixes what it reads with a
     * SHA-1 generator, which costs milliseconds in code not yet compiled.
     */
    private static void refill() {
        try (FileInputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(POOL, 0, POOL.length) == POOL.length) {
                return;
            }
        } catch (IOException e) {
            // no /dev/urandom here: the JDK's generator below
        }
        new SecureRandom().nextBytes(POOL);
    }
}
