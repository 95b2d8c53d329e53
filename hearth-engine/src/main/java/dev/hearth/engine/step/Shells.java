package dev.hearth.engine.step;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's shells on Linux. {@code bash} runs {@code bash --noprofile --norc -eo pipefail {0}}, no
 * {@code shell:} at all runs {@code bash -e {0}} (or {@code sh -e {0}} without bash), {@code sh} runs
 * {@code sh -e {0}}, {@code python} runs {@code python {0}}, {@code pwsh} runs
 * {@code pwsh -command ". '{0}'"}, and anything else is a custom template where {@code {0}} becomes the
 * script's path.
 */
public final class Shells {

    private Shells() {
    }

    /**
     * How to run a script.
     *
     * @param template  the command line with {@code {0}} for the script file, split into words
     * @param extension the script file's extension, with its dot, or empty
     */
    public record Shell(List<String> template, String extension) {
        public Shell {
            template = List.copyOf(template);
        }

        /** The command line for a script at {@code scriptPath}. */
        public List<String> argv(String scriptPath) {
            List<String> argv = new ArrayList<>(template.size());
            for (String word : template) {
                argv.add(word.replace("{0}", scriptPath));
            }
            return argv;
        }
    }

    /**
     * @param shell        the step's {@code shell:} (after defaults), or null
     * @param hasBash      whether bash exists in the sandbox
     * @param pythonProgram the python program the sandbox has ({@code python} or {@code python3})
     * @throws IllegalArgumentException for a shell that cannot run on Linux, with GitHub's kind of message
     */
    public static Shell resolve(String shell, boolean hasBash, String pythonProgram) {
        if (shell == null || shell.isBlank()) {
            return hasBash ? new Shell(List.of("bash", "-e", "{0}"), ".sh") : new Shell(List.of("sh", "-e", "{0}"), ".sh");
        }
        String s = shell.strip();
        return switch (s) {
            case "bash" -> new Shell(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"), ".sh");
            case "sh" -> new Shell(List.of("sh", "-e", "{0}"), ".sh");
            case "python" -> new Shell(List.of(pythonProgram, "{0}"), ".py");
            case "pwsh" -> new Shell(List.of("pwsh", "-command", ". '{0}'"), ".ps1");
            case "powershell", "cmd" -> throw new IllegalArgumentException(
                    "shell '" + s + "' is only available on Windows runners; use bash, sh, python, pwsh or a custom shell");
            default -> custom(s);
        };
    }

    private static Shell custom(String template) {
        List<String> words = split(template);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("shell is empty");
        }
        if (words.stream().noneMatch(w -> w.contains("{0}"))) {
            throw new IllegalArgumentException("custom shell '" + template
                    + "' must contain {0} where the script's path goes, e.g. 'perl {0}'");
        }
        String program = words.getFirst();
        String name = program.substring(program.lastIndexOf('/') + 1);
        String extension = name.startsWith("python") ? ".py" : name.equals("pwsh") ? ".ps1" : "";
        return new Shell(words, extension);
    }

    /** Splits a command line into words; single and double quotes group, as a shell would. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
