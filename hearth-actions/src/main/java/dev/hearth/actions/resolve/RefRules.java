package dev.hearth.actions.resolve;

/**
 * What a ref after {@code @} may be. GitHub resolves it as a tag, a branch or a full 40-hex commit SHA;
 * an abbreviated SHA is refused even when it names a commit ("the provided ref ... is the shortened
 * version of a commit SHA, which is not supported"), whatever its length: GitHub gives that answer
 * for a ref as short as {@code 5}.
 */
public final class RefRules {
    private RefRules() {
    }

    /** A full commit SHA: 40 hex digits (any case). */
    public static boolean isFullSha(String ref) {
        return ref.length() == 40 && isHex(ref);
    }

    /** Could name a commit by an abbreviated SHA: 1 to 39 hex digits. Only a lookup tells whether it does. */
    public static boolean mayBeShortSha(String ref) {
        return !ref.isEmpty() && ref.length() < 40 && isHex(ref);
    }

    /** GitHub's message for a ref that is an abbreviated SHA of {@code fullSha}. */
    public static String shortShaMessage(String uses, String ref, String fullSha) {
        return "Unable to resolve action `" + uses + "`, the provided ref `" + ref + "` is the shortened version of "
                + "a commit SHA, which is not supported. Please use the full commit SHA `" + fullSha + "` instead.";
    }

    /**
     * Why {@code ref} cannot be a git ref name, or null when it can. The rules of
     * {@code git check-ref-format} that matter here: the ref becomes part of a refspec and of file
     * names, so anything that could change their meaning is refused.
     */
    public static String problem(String ref) {
        if (ref.isEmpty()) {
            return "the ref is empty";
        }
        if (ref.startsWith("-") || ref.startsWith("/") || ref.endsWith("/") || ref.endsWith(".")
                || ref.endsWith(".lock") || ref.contains("..") || ref.contains("//") || ref.contains("@{")
                || ref.equals("@")) {
            return "'" + ref + "' is not a valid git ref name";
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
                return "'" + ref + "' is not a valid git ref name";
            }
        }
        for (String segment : ref.split("/")) {
            if (segment.startsWith(".")) {
                return "'" + ref + "' is not a valid git ref name";
            }
        }
        return null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
