package dev.hearth.engine.commands;

import dev.hearth.engine.LogLine;
import dev.hearth.sandbox.OutputSink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the byte chunks of a command's stdout and stderr into lines for a {@link LineHandler}.
 *
 * <p>Lines end as they do for GitHub's runner, which reads output with .NET's {@code ReadLine}: at LF,
 * CRLF or a lone CR (so a progress bar redrawn with CR gives one line per redraw). A CRLF split across
 * two chunks is still one line end. Bytes are decoded as UTF-8 only once a line is complete, so a
 * character split across chunks arrives whole; invalid bytes become U+FFFD. A line longer than the cap
 * is handed over in pieces of at most that many bytes, cut between characters, so a program that never
 * prints a newline cannot make the buffer grow without bound. {@link #flush()} hands over what is left
 * after the command ended.
 *
 * <p>Each stream has its own buffer; calls to the handler are serialized (stdout and stderr arrive on
 * different threads), and a stream's lines keep their order.
 */
public final class LineAssembler implements OutputSink {
    /** The default cap of a line, in bytes. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private final LineHandler handler;
    private final int maxLineBytes;
    private final Object lock = new Object();
    private final Buffer stdout = new Buffer(LogLine.Source.STDOUT);
    private final Buffer stderr = new Buffer(LogLine.Source.STDERR);

    public LineAssembler(LineHandler handler) {
        this(handler, DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest line handed over whole, in bytes (at least 4: one UTF-8 character) */
    public LineAssembler(LineHandler handler, int maxLineBytes) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("maxLineBytes must be at least 4, was " + maxLineBytes);
        }
        this.handler = handler;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void stdout(byte[] bytes, int offset, int length) {
        synchronized (lock) {
            stdout.feed(bytes, offset, length);
        }
    }

    @Override
    public void stderr(byte[] bytes, int offset, int length) {
        synchronized (lock) {
            stderr.feed(bytes, offset, length);
        }
    }

    /** Hands over the unfinished last line of each stream (stdout first). Call once the command ended. */
    public void flush() {
        synchronized (lock) {
            stdout.flush();
            stderr.flush();
        }
    }

    /** One stream's unfinished line. Only touched under {@link #lock}. */
    private final class Buffer {
        private final LogLine.Source source;
        private byte[] data = new byte[256];
        private int size;
        /** The previous byte was a CR that already ended a line; an LF right after it ends nothing. */
        private boolean afterCr;

        Buffer(LogLine.Source source) {
            this.source = source;
        }

        void feed(byte[] bytes, int offset, int length) {
            int i = offset;
            int end = offset + length;
            while (i < end) {
                if (afterCr) {
                    afterCr = false;
                    if (bytes[i] == '\n') {
                        i++;
                        continue;
                    }
                }
                int stop = i;
                while (stop < end && bytes[stop] != '\n' && bytes[stop] != '\r') {
                    stop++;
                }
                append(bytes, i, stop - i);
                if (stop == end) {
                    return;
                }
                emit(size);
                afterCr = bytes[stop] == '\r';
                i = stop + 1;
            }
        }

        void flush() {
            afterCr = false;
            if (size > 0) {
                emit(size);
            }
        }

        private void append(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int room = maxLineBytes - size;
                int n = Math.min(room, length);
                if (data.length < size + n) {
                    data = Arrays.copyOf(data, Math.min(maxLineBytes, Math.max(size + n, data.length * 2)));
                }
                System.arraycopy(bytes, offset, data, size, n);
                size += n;
                offset += n;
                length -= n;
                if (size == maxLineBytes) {
                    emit(cutPoint());
                }
            }
        }

        /** Where a full buffer is cut: before a last character whose bytes are not all there yet. */
        private int cutPoint() {
            int lead = size - 1;
            while (lead > 0 && size - lead < 4 && (data[lead] & 0xC0) == 0x80) {
                lead--;
            }
            int b = data[lead] & 0xFF;
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return size - lead < needed && lead > 0 ? lead : size;
        }

        /** Hands over the first {@code length} bytes as a line and keeps the rest. */
        private void emit(int length) {
            String text = new String(data, 0, length, StandardCharsets.UTF_8);
            System.arraycopy(data, length, data, 0, size - length);
            size -= length;
            handler.line(source, text);
        }
    }
}
