package dev.hearth.workflow.yaml;

import java.util.List;

/**
 * What the loader made of a file: the document's root (null when the file is empty or could not be
 * loaded) and the problems found, in document order.
 */
public record YamlLoad(YamlNode root, List<YamlProblem> problems) {
    public YamlLoad {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
