package dev.hearth.cli.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@code -s NAME=VALUE} and {@code -s NAME} flags into secrets, as act does: a flag without a
 * value takes the environment variable of that name, else asks on the terminal without echo, else
 * is an error. Flags override the secret file.
 */
public final class SecretFlags {

    private SecretFlags() {
    }

    /**
     * @param flags    the {@code -s} flags in order
     * @param fromFile secrets from the secret file, overridden by the flags
     * @param env      the environment
     * @param prompt   asks a person for a secret's value; returns null when nobody can be asked
     * @throws IllegalArgumentException a flag with no name, or a secret with no value to be found
     */
    public static Map<String, String> resolve(List<String> flags, Map<String, String> fromFile, Map<String, String> env,
                                              Function<String, String> prompt) {
        Map<String, String> secrets = new LinkedHashMap<>(fromFile);
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            String name = (eq < 0 ? flag : flag.substring(0, eq)).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("-s '" + flag + "': a secret needs a name (NAME=VALUE or NAME)");
            }
            String value;
            if (eq >= 0) {
                value = flag.substring(eq + 1);
            } else if (env.containsKey(name)) {
                value = env.get(name);
            } else {
                value = prompt.apply(name);
                if (value == null) {
                    throw new IllegalArgumentException("secret " + name + " has no value: give -s " + name
                            + "=VALUE, set the environment variable " + name + ", or run in a terminal to be asked");
                }
            }
            secrets.put(name, value);
        }
        return secrets;
    }

    /** Asks on the terminal without echo, or null when there is no terminal. */
    public static String askOnTerminal(String name) {
        if (!ConsoleStyle.isTerminal()) {
            return null;
        }
        char[] typed = System.console().readPassword("Value of secret %s: ", name);
        return typed == null ? null : new String(typed);
    }
}
