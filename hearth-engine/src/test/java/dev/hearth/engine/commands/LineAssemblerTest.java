package dev.hearth.engine.commands;

import dev.hearth.engine.LogLine.Source;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineAssemblerTest {
    /** What the handler saw: "OUT:text" / "ERR:text". */
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final LineAssembler assembler = new LineAssembler(this::record);

    private void record(Source source, String text) {
        lines.add((source == Source.STDOUT ? "OUT:" : "ERR:") + text);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void out(String s) {
        byte[] b = utf8(s);
        assembler.stdout(b, 0, b.length);
    }

    /** Feeds {@code bytes} to stdout cut at the given positions. */
    private void outInPieces(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            assembler.stdout(bytes, from, cut - from);
            from = cut;
        }
        assembler.stdout(bytes, from, bytes.length - from);
    }

    @Test
    void splitsAtLineFeedsAndKeepsThePartialLastLineUntilFlush() {
        out("one\ntwo\nthr");
        assertThat(lines).containsExactly("OUT:one", "OUT:two");
        out("ee");
        assertThat(lines).hasSize(2);
        assembler.flush();
        assertThat(lines).containsExactly("OUT:one", "OUT:two", "OUT:three");
        assembler.flush();
        assertThat(lines).hasSize(3);
    }

    @Test
    void emptyLinesAreLines() {
        out("\n\na\n");
        assertThat(lines).containsExactly("OUT:", "OUT:", "OUT:a");
    }

    @Test
    void byteByByteGivesTheSameLines() {
        byte[] all = utf8("alpha\r\nbeta\n\ngamma\rdelta");
        for (byte b : all) {
            assembler.stdout(new byte[] {b}, 0, 1);
        }
        assembler.flush();
        assertThat(lines).containsExactly("OUT:alpha", "OUT:beta", "OUT:", "OUT:gamma", "OUT:delta");
    }

    @Test
    void crlfSplitBetweenChunksIsOneLineEnd() {
        byte[] bytes = utf8("one\r\ntwo\r\n");
        outInPieces(bytes, 4);
        assertThat(lines).containsExactly("OUT:one", "OUT:two");
    }

    @Test
    void aLoneCarriageReturnEndsALineAsOnGitHub() {
        out("progress 10%\rprogress 50%\rdone\n");
        assertThat(lines).containsExactly("OUT:progress 10%", "OUT:progress 50%", "OUT:done");
        lines.clear();
        out("x\r");
        assembler.flush();
        out("\ny\n");
        // After the flush a LF is a line end of its own: the CR's line was already handed over.
        assertThat(lines).containsExactly("OUT:x", "OUT:", "OUT:y");
    }

    @Test
    void aCharacterSplitAcrossChunksArrivesWhole() {
        String text = "é € 😀 ok";
        byte[] bytes = utf8(text + "\n");
        for (int cut = 1; cut < bytes.length; cut++) {
            lines.clear();
            outInPieces(bytes, cut);
            assertThat(lines).as("cut at %d", cut).containsExactly("OUT:" + text);
        }
        lines.clear();
        outInPieces(bytes, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(lines).containsExactly("OUT:" + text);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assembler.stdout(new byte[] {'a', (byte) 0xC3, 'b', '\n'}, 0, 4);
        assertThat(lines).containsExactly("OUT:a\uFFFDb");
    }

    @Test
    void stdoutAndStderrHaveTheirOwnPartialLines() {
        out("out-start ");
        assembler.stderr(utf8("err-start "), 0, 10);
        out("out-end\n");
        assembler.stderr(utf8("err-end\nerr-tail"), 0, 16);
        assembler.flush();
        assertThat(lines).containsExactly("OUT:out-start out-end", "ERR:err-start err-end", "ERR:err-tail");
    }

    @Test
    void offsetAndLengthAreHonoured() {
        byte[] buffer = utf8("xxxhello\nyyy");
        assembler.stdout(buffer, 3, 6);
        assertThat(lines).containsExactly("OUT:hello");
    }

    @Test
    void aLineLongerThanTheCapIsHandedOverInPieces() {
        LineAssembler small = new LineAssembler(this::record, 8);
        byte[] bytes = utf8("abcdefghijklmnopqrst\nnext\n");
        small.stdout(bytes, 0, bytes.length);
        assertThat(lines).containsExactly("OUT:abcdefgh", "OUT:ijklmnop", "OUT:qrst", "OUT:next");
    }

    @Test
    void piecesAreCutBetweenCharacters() {
        LineAssembler small = new LineAssembler(this::record, 8);
        // 6 ASCII bytes then a 4-byte emoji: the emoji does not fit in the first piece and is not split.
        String text = "abcdef😀😀gh€";
        byte[] bytes = utf8(text + "\n");
        for (int cut = 1; cut < bytes.length; cut++) {
            lines.clear();
            int from = 0;
            for (int at : new int[] {cut}) {
                small.stdout(bytes, from, at - from);
                from = at;
            }
            small.stdout(bytes, from, bytes.length - from);
            assertThat(String.join("", lines).replace("OUT:", "")).as("cut at %d", cut).isEqualTo(text);
            assertThat(lines).allSatisfy(l -> {
                assertThat(l).doesNotContain("\uFFFD");
                assertThat(utf8(l.substring(4)).length).isLessThanOrEqualTo(8);
            });
        }
    }

    @Test
    void aCapBelowOneCharacterIsRefused() {
        assertThatThrownBy(() -> new LineAssembler(this::record, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoStreamsOnTwoThreadsNeverCallTheHandlerAtOnceAndKeepTheirOrder() throws Exception {
        AtomicBoolean inside = new AtomicBoolean();
        AtomicReference<String> overlap = new AtomicReference<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        LineAssembler shared = new LineAssembler((source, text) -> {
            if (!inside.compareAndSet(false, true)) {
                overlap.set("two calls at once at " + text);
            }
            seen.add(source + ":" + text);
            Thread.onSpinWait();
            inside.set(false);
        });
        int count = 5000;
        Thread outThread = Thread.ofPlatform().start(() -> feed(shared, true, count, 1));
        Thread errThread = Thread.ofPlatform().start(() -> feed(shared, false, count, 2));
        outThread.join();
        errThread.join();
        shared.flush();
        assertThat(overlap.get()).isNull();
        List<String> stdout = seen.stream().filter(s -> s.startsWith("STDOUT:")).toList();
        List<String> stderr = seen.stream().filter(s -> s.startsWith("STDERR:")).toList();
        assertThat(stdout).hasSize(count);
        assertThat(stderr).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(stdout.get(i)).isEqualTo("STDOUT:out line " + i + " ✓");
            assertThat(stderr.get(i)).isEqualTo("STDERR:err line " + i + " ✓");
        }
    }

    /** Writes numbered lines to one stream in randomly sized chunks. */
    private static void feed(LineAssembler target, boolean stdout, int count, long seed) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(stdout ? "out" : "err").append(" line ").append(i).append(" ✓\n");
        }
        byte[] bytes = utf8(text.toString());
        Random random = new Random(seed);
        int from = 0;
        while (from < bytes.length) {
            int n = Math.min(bytes.length - from, 1 + random.nextInt(40));
            if (stdout) {
                target.stdout(bytes, from, n);
            } else {
                target.stderr(bytes, from, n);
            }
            from += n;
        }
    }
}
