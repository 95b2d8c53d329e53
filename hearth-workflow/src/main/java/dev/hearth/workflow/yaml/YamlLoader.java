package dev.hearth.workflow.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Loads one YAML document from bytes or text. Works on SnakeYAML Engine's event stream with an
 * explicit stack, so neither deep nesting nor aliases can blow the Java stack or the heap: every
 * limit of {@link YamlLimits} is checked as the events arrive and loading stops at the first breach.
 */
public final class YamlLoader {
    private static final String CORE = "tag:yaml.org,2002:";

    private YamlLoader() {
    }

    /** Loads a file's bytes: size check first, then strict UTF-8 decoding, then parsing. */
    public static YamlLoad load(byte[] bytes) {
        if (bytes.length > YamlLimits.MAX_FILE_BYTES) {
            return failed(0, 0, "The maximum file size of " + YamlLimits.MAX_FILE_BYTES
                    + " characters has been exceeded");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            return invalidUtf8(bytes, bad);
        }
        decoder.flush(out);
        out.flip();
        return load(out.toString());
    }

    /** Loads text that is already decoded. */
    public static YamlLoad load(String text) {
        if (text.length() > YamlLimits.MAX_FILE_BYTES) {
            return failed(0, 0, "The maximum file size of " + YamlLimits.MAX_FILE_BYTES
                    + " characters has been exceeded");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Builder(text).run();
    }

    private static YamlLoad invalidUtf8(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before;
        try {
            before = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart)).toString();
        } catch (CharacterCodingException e) {
            before = "";
        }
        int column = before.codePointCount(0, before.length()) + 1;
        return failed(line, column, String.format(Locale.ROOT,
                "The file is not valid UTF-8: byte 0x%02X at offset %d", bytes[offset] & 0xff, offset));
    }

    private static YamlLoad failed(int line, int column, String message) {
        return new YamlLoad(null, List.of(new YamlProblem(line, column, message)));
    }

    /** Thrown inside the builder when a limit is breached or the YAML is broken; never escapes. */
    private static final class Stop extends RuntimeException {
        final YamlProblem problem;

        Stop(YamlProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private abstract static class Frame {
        final int line;
        final int column;
        final String anchor;
        int weight = 1;

        Frame(int line, int column, String anchor) {
            this.line = line;
            this.column = column;
            this.anchor = anchor;
        }

        abstract void add(YamlNode node, Builder b);

        abstract YamlNode finish();
    }

    private static final class SeqFrame extends Frame {
        final List<YamlNode> items = new ArrayList<>();

        SeqFrame(int line, int column, String anchor) {
            super(line, column, anchor);
        }

        @Override
        void add(YamlNode node, Builder b) {
            items.add(node);
            weight = saturatedAdd(weight, node.weight());
        }

        @Override
        YamlNode finish() {
            return new YamlSequence(items, line, column, weight);
        }
    }

    private static final class MapFrame extends Frame {
        final List<YamlMapping.Entry> entries = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        YamlScalar key;
        boolean keyPending;
        boolean skipValue;

        MapFrame(int line, int column, String anchor) {
            super(line, column, anchor);
        }

        @Override
        void add(YamlNode node, Builder b) {
            weight = saturatedAdd(weight, node.weight());
            if (!keyPending) {
                keyPending = true;
                skipValue = false;
                if (node instanceof YamlScalar s) {
                    key = s;
                    // GitHub compares keys case-insensitively and keeps the first.
                    if (!seen.add(s.text().toUpperCase(Locale.ROOT))) {
                        b.problem(s.line(), s.column(), "'" + s.text() + "' is already defined");
                        skipValue = true;
                    }
                } else {
                    b.problem(node.line(), node.column(), "A mapping key must be a scalar, not "
                            + node.kindName());
                    skipValue = true;
                }
                return;
            }
            keyPending = false;
            if (!skipValue) {
                entries.add(new YamlMapping.Entry(key, node));
            }
        }

        @Override
        YamlNode finish() {
            return new YamlMapping(entries, line, column, weight);
        }
    }

    private static int saturatedAdd(int a, int b) {
        long s = (long) a + b;
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
    }

    private static final class Builder {
        private final String text;
        private final List<YamlProblem> problems = new ArrayList<>();
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final ArrayList<Frame> stack = new ArrayList<>();
        private YamlNode root;
        private int documents;
        private int aliases;
        private long expanded;

        Builder(String text) {
            this.text = text;
        }

        void problem(int line, int column, String message) {
            problems.add(new YamlProblem(line, column, message));
        }

        YamlLoad run() {
            LoadSettings settings = LoadSettings.builder()
                    .setCodePointLimit(YamlLimits.MAX_FILE_BYTES + 1)
                    .setMaxAliasesForCollections(YamlLimits.MAX_ALIASES)
                    .setAllowRecursiveKeys(false)
                    .setAllowDuplicateKeys(true)
                    .setUseMarks(true)
                    .build();
            try {
                ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
                while (parser.hasNext()) {
                    handle(parser.next());
                }
            } catch (Stop s) {
                problems.add(s.problem);
                return new YamlLoad(null, sortProblems());
            } catch (MarkedYamlEngineException e) {
                Optional<Mark> m = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
                int line = m.map(x -> x.getLine() + 1).orElse(0);
                int col = m.map(x -> x.getColumn() + 1).orElse(0);
                String msg = e.getProblem() == null ? e.getMessage() : e.getProblem();
                if (e.getContext() != null && !e.getContext().isBlank()) {
                    msg = e.getContext() + ": " + msg;
                }
                problems.add(new YamlProblem(line, col, oneLine(msg)));
                return new YamlLoad(null, sortProblems());
            } catch (YamlEngineException | IllegalArgumentException | IndexOutOfBoundsException e) {
                problems.add(new YamlProblem(0, 0, "Invalid YAML: " + oneLine(String.valueOf(e.getMessage()))));
                return new YamlLoad(null, sortProblems());
            }
            return new YamlLoad(root, sortProblems());
        }

        private List<YamlProblem> sortProblems() {
            problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                    : Integer.compare(a.column(), b.column()));
            return problems;
        }

        private static String oneLine(String s) {
            return s.replace('\n', ' ').trim();
        }

        private void handle(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    documents++;
                    if (documents > 1) {
                        int[] p = pos(event);
                        throw new Stop(new YamlProblem(p[0], p[1],
                                "Multiple YAML documents in one workflow file are not supported"));
                    }
                }
                case Scalar -> scalar((ScalarEvent) event);
                case SequenceStart, MappingStart -> start((CollectionStartEvent) event);
                case SequenceEnd, MappingEnd -> end();
                case Alias -> alias((AliasEvent) event);
                default -> {
                }
            }
        }

        private void start(CollectionStartEvent e) {
            int[] p = pos(e);
            if (stack.size() >= YamlLimits.MAX_DEPTH) {
                throw new Stop(new YamlProblem(p[0], p[1],
                        "The document is nested deeper than " + YamlLimits.MAX_DEPTH + " levels"));
            }
            Optional<String> tag = e.getTag();
            boolean map = e.getEventId() == Event.ID.MappingStart;
            if (tag.isPresent() && !tag.get().equals(CORE + (map ? "map" : "seq")) && !tag.get().equals("!")) {
                throw new Stop(new YamlProblem(p[0], p[1], "Unexpected tag '" + tag.get() + "'"));
            }
            String anchor = anchorOf(e);
            stack.add(map ? new MapFrame(p[0], p[1], anchor) : new SeqFrame(p[0], p[1], anchor));
            count(1);
        }

        private void end() {
            Frame f = stack.remove(stack.size() - 1);
            YamlNode node = f.finish();
            if (f.anchor != null) {
                anchors.put(f.anchor, node);
            }
            attach(node);
        }

        private void scalar(ScalarEvent e) {
            int[] p = pos(e);
            String value = e.getValue();
            if (value.length() > YamlLimits.MAX_SCALAR_CODE_POINTS
                    && value.codePointCount(0, value.length()) > YamlLimits.MAX_SCALAR_CODE_POINTS) {
                throw new Stop(new YamlProblem(p[0], p[1], "A scalar longer than "
                        + YamlLimits.MAX_SCALAR_CODE_POINTS + " characters is not supported"));
            }
            ScalarStyle style = switch (e.getScalarStyle()) {
                case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
                case LITERAL -> ScalarStyle.LITERAL;
                case FOLDED -> ScalarStyle.FOLDED;
                default -> ScalarStyle.PLAIN;
            };
            ScalarType type;
            Optional<String> tag = e.getTag();
            if (tag.isPresent() && !tag.get().equals("!")) {
                type = explicitType(tag.get(), value, p);
            } else {
                type = style == ScalarStyle.PLAIN ? ScalarResolver.resolvePlain(value) : ScalarType.STRING;
            }
            YamlScalar node = new YamlScalar(value, type, style, p[0], p[1]);
            count(1);
            String anchor = anchorOf(e);
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            attach(node);
        }

        private ScalarType explicitType(String tag, String value, int[] p) {
            ScalarType type = switch (tag) {
                case CORE + "str" -> ScalarType.STRING;
                case CORE + "int" -> ScalarType.INT;
                case CORE + "float" -> ScalarType.FLOAT;
                case CORE + "bool" -> ScalarType.BOOL;
                case CORE + "null" -> ScalarType.NULL;
                default -> throw new Stop(new YamlProblem(p[0], p[1], "Unexpected tag '" + tag + "'"));
            };
            if (!ScalarResolver.matches(value, type)) {
                throw new Stop(new YamlProblem(p[0], p[1], "The value '" + value + "' on line " + p[0]
                        + " and column " + p[1] + " is invalid for the type '" + tag + "'"));
            }
            return type;
        }

        private void alias(AliasEvent e) {
            int[] p = pos(e);
            if (++aliases > YamlLimits.MAX_ALIASES) {
                throw new Stop(new YamlProblem(p[0], p[1],
                        "More than " + YamlLimits.MAX_ALIASES + " aliases are not supported"));
            }
            String name = e.getAlias().getValue();
            YamlNode target = anchors.get(name);
            if (target == null) {
                // Also catches an alias to an anchor still being built: no recursive structures.
                throw new Stop(new YamlProblem(p[0], p[1], "Unknown alias '" + name + "'"));
            }
            count(target.weight());
            attach(target);
        }

        private void count(long nodes) {
            expanded += nodes;
            if (expanded > YamlLimits.MAX_EXPANDED_NODES) {
                throw new Stop(new YamlProblem(0, 0, "The document expands to more than "
                        + YamlLimits.MAX_EXPANDED_NODES + " nodes (alias bomb?)"));
            }
        }

        private void attach(YamlNode node) {
            if (stack.isEmpty()) {
                root = node;
            } else {
                stack.get(stack.size() - 1).add(node, this);
            }
        }

        private static String anchorOf(NodeEvent e) {
            return e.getAnchor().map(Anchor::getValue).orElse(null);
        }

        private static int[] pos(Event e) {
            return e.getStartMark().map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
                    .orElse(new int[] {0, 0});
        }
    }
}
