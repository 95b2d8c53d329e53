package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.SandboxException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The bash scripts Hearth sends through {@code execute}. Every value Hearth did not write itself (argv,
 * environment, paths) goes in single quotes, so a script never runs what a value contains.
 */
final class Bash {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Bash() {
    }

    /** A word bash reads back as exactly {@code value}. */
    static String quote(String value) throws SandboxException {
        if (value.indexOf('\0') >= 0) {
            throw new SandboxException("a command's argument or variable cannot hold a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * A script that runs {@code argv} in {@code cwd} (made when missing) with exactly {@code env}: each
     * execute is a fresh shell with the server's own environment, so the script first drops every
     * exported variable, then exports the command's. {@code exec} keeps the command's exit code and
     * pid as the script's; stdin is empty, as on the other backends.
     */
    static String command(List<String> argv, Map<String, String> env, String cwd) throws SandboxException {
        StringBuilder script = new StringBuilder(256);
        script.append("for __hearth_v in $(compgen -e); do unset \"$__hearth_v\" 2>/dev/null; done; unset __hearth_v\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            if (!NAME.matcher(entry.getKey()).matches()) {
                throw new SandboxException("'" + entry.getKey() + "' cannot be an environment variable's name here");
            }
            script.append("export ").append(entry.getKey()).append('=').append(quote(entry.getValue())).append('\n');
        }
        String dir = quote(cwd);
        script.append("mkdir -p -- ").append(dir).append(" && cd -- ").append(dir)
                .append(" || { echo \"hearth: cannot enter the working directory\" >&2; exit 126; }\n");
        script.append("exec");
        for (String arg : argv) {
            script.append(' ').append(quote(arg));
        }
        script.append(" </dev/null\n");
        return script.toString();
    }

    /**
     * A script that sends {@code signal} to every process (but itself) whose environment holds
     * {@code variable=value}, in rounds while new ones appear (a process may fork while it is killed).
     */
    static String signalMarked(String variable, String value, int signal) throws SandboxException {
        String entry = quote(variable + "=" + value);
        return "found=1; round=0\n"
                + "while [ $found = 1 ] && [ $round -lt 10 ]; do\n"
                + "  found=0; round=$((round + 1))\n"
                + "  for d in /proc/[0-9]*; do\n"
                + "    p=${d#/proc/}; [ \"$p\" = \"$$\" ] && continue\n"
                + "    if tr '\\0' '\\n' < \"$d/environ\" 2>/dev/null | grep -qxF -- " + entry + "; then\n"
                + "      kill -" + signal + " \"$p\" 2>/dev/null && found=1\n"
                + "    fi\n"
                + "  done\n"
                + (signal == 9 ? "" : "  break\n") // other signals may be trapped: send them once
                + "done\n"
                + "exit 0\n";
    }
}
