package dev.hearth.workflow.validate;

/** Short advice for each kind of message, chosen by the message's wording. */
final class Hints {
    private Hints() {
    }

    static String forMessage(String m) {
        if (m.startsWith("Unable to find reusable workflow")) {
            return "give --actions-mirror DIR holding DIR/<owner>/<repo>/<ref>/<path> (local calls are read from "
                    + "the repository), or --allow-unresolved-calls to skip calls that cannot be read";
        }
        if (m.startsWith("Unexpected value")) {
            return "check the spelling and the allowed keys or values here (GitHub's workflow syntax docs)";
        }
        if (m.startsWith("There's not enough info")) {
            return "add one of the listed keys, e.g. run: or uses: for a step, runs-on: or uses: for a job";
        }
        if (m.startsWith("Required property is missing")) {
            return "add the missing key";
        }
        if (m.endsWith("was not expected") || m.startsWith("Expected a")) {
            return "change the value's shape: a scalar, a list or a mapping as this key requires";
        }
        if (m.contains("is already defined")) {
            return "remove or rename the repeated key (keys compare case-insensitively)";
        }
        if (m.startsWith("The identifier")) {
            return "use letters, digits, '_' and '-', starting with a letter or '_'";
        }
        if (m.contains("depends on unknown job") || m.contains("at least one job with no dependencies")
                || m.contains("cycle")) {
            return "fix 'needs' so every job exists and the jobs form no cycle";
        }
        if (m.contains("expression") || m.contains("named-value") || m.contains("function")) {
            return "fix the ${{ }} expression; check which contexts are available at this key";
        }
        if (m.contains("Matrix")) {
            return "give every matrix vector at least one value";
        }
        if (m.contains("runs-on group")) {
            return "prefix the group with 'organization/' or 'enterprise/', or drop the prefix";
        }
        if (m.startsWith("Expected format")) {
            return "write owner/repo[/path]@ref, ./path/to/action or docker://image";
        }
        if (m.contains("requesting")) {
            return "grant the called workflow these permissions in the calling job, or request fewer";
        }
        if (m.contains("'input default'")) {
            return "give the default the input's type: true/false for boolean, a string for string or choice";
        }
        if (m.startsWith("Container image")) {
            return "add image: with the container image to use";
        }
        if (m.contains("Input") || m.contains("input") || m.contains("Secret") || m.contains("secret")) {
            return "match 'with:' and 'secrets:' to what the called workflow declares under on.workflow_call";
        }
        if (m.contains("tag")) {
            return "remove the explicit YAML tag";
        }
        if (m.contains("UTF-8") || m.contains("maximum file size") || m.contains("nested deeper")
                || m.contains("alias") || m.contains("longer than")) {
            return "the file is outside what a workflow may be; fix or shrink it";
        }
        return "see GitHub's workflow syntax documentation for this key";
    }
}
