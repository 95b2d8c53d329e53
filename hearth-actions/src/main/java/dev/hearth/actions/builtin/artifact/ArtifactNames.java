package dev.hearth.actions.builtin.artifact;

import dev.hearth.actions.builtin.Inputs.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub's rule for artifact names: not empty, and none of the characters some file systems (NTFS)
 * cannot hold, so that a download works anywhere.
 */
final class ArtifactNames {
    private static final Map<Character, String> FORBIDDEN = new LinkedHashMap<>();

    static {
        FORBIDDEN.put('"', "Double quote \"");
        FORBIDDEN.put(':', "Colon :");
        FORBIDDEN.put('<', "Less than <");
        FORBIDDEN.put('>', "Greater than >");
        FORBIDDEN.put('|', "Vertical bar |");
        FORBIDDEN.put('*', "Asterisk *");
        FORBIDDEN.put('?', "Question mark ?");
        FORBIDDEN.put('\r', "Carriage return \\r");
        FORBIDDEN.put('\n', "Line feed \\n");
        FORBIDDEN.put('\\', "Backslash \\");
        FORBIDDEN.put('/', "Forward slash /");
    }

    private ArtifactNames() {
    }

    /** @throws InvalidInputException naming the first forbidden character found */
    static void check(String name) {
        if (name.isEmpty()) {
            throw new InvalidInputException("Provided artifact name input during validation is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            // A download puts an artifact in a folder of its name; these would name the folder's parents.
            throw new InvalidInputException("The artifact name is not valid: " + name);
        }
        for (Map.Entry<Character, String> forbidden : FORBIDDEN.entrySet()) {
            if (name.indexOf(forbidden.getKey()) >= 0) {
                throw new InvalidInputException("The artifact name is not valid: " + name
                        + ". Contains the following character: " + forbidden.getValue()
                        + "\nInvalid characters include: " + String.join(", ", FORBIDDEN.values())
                        + "\nThese characters are not allowed in the artifact name due to limitations with certain "
                        + "file systems such as NTFS.");
            }
        }
    }
}
