package dev.hearth.workflow.build;

/** GitHub's rules for job and step ids. */
final class Identifiers {
    static final int MAX_LENGTH = 100;

    private Identifiers() {
    }

    /** GitHub's message when {@code id} is not a valid id, else null. */
    static String check(String id) {
        if (id == null || id.isEmpty() || id.length() >= MAX_LENGTH || !wellFormed(id)) {
            return "The identifier '" + id + "' is invalid. IDs may only contain alphanumeric characters, '_', "
                    + "and '-'. IDs must start with a letter or '_' and and must be less than " + MAX_LENGTH
                    + " characters.";
        }
        if (id.startsWith("__")) {
            return "The identifier '" + id + "' is invalid. IDs starting with '__' are reserved.";
        }
        return null;
    }

    private static boolean wellFormed(String id) {
        char first = id.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
