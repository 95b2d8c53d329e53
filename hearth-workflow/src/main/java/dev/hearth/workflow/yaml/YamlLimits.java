package dev.hearth.workflow.yaml;

/**
 * Every limit the loader enforces, so that hostile input is rejected quickly with bounded memory.
 * The values sit far above anything a real workflow needs.
 */
public final class YamlLimits {
    /**
     * Largest workflow file, checked on the raw bytes before decoding or parsing. GitHub caps workflow
     * files too ("The maximum file size of N characters has been exceeded") without documenting N; real
     * files stay far below (the largest of our 126-file corpus is 50 KB).
     */
    public static final int MAX_FILE_BYTES = 512 * 1024;
    /** Longest single scalar, in code points. */
    public static final int MAX_SCALAR_CODE_POINTS = 256 * 1024;
    /** Deepest nesting of mappings and sequences. */
    public static final int MAX_DEPTH = 64;
    /** How many alias uses ({@code *name}) one file may contain. */
    public static final int MAX_ALIASES = 200;
    /** How many nodes the document may stand for once every alias is expanded: stops alias bombs. */
    public static final int MAX_EXPANDED_NODES = 200_000;

    private YamlLimits() {
    }
}
