package dev.hearth.workflow.yaml;

import java.util.List;

/** A sequence of nodes. */
public record YamlSequence(List<YamlNode> items, int line, int column, int weight) implements YamlNode {
    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String kindName() {
        return "a sequence";
    }
}
