package dev.hearth.expressions;

import java.util.Locale;

/** Case folding for property names, with an ASCII fast path (nearly every key is ASCII). */
final class Keys {
    private Keys() {
    }

    static String fold(String key) {
        int n = key.length();
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return key.toLowerCase(Locale.ROOT);
            }
            if (c >= 'A' && c <= 'Z') {
                return key.toLowerCase(Locale.ROOT);
            }
        }
        return key;
    }
}
