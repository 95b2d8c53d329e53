package dev.hearth.workflow.yaml;

/** A node of a loaded YAML document, with its 1-based source position. */
public sealed interface YamlNode permits YamlScalar, YamlSequence, YamlMapping {
    int line();

    int column();

    /** How many nodes this subtree stands for, aliases counted as often as they are used. */
    int weight();

    /** A short noun for messages: "a mapping", "a sequence", "a string"... */
    String kindName();
}
