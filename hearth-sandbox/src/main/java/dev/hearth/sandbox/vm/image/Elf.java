package dev.hearth.sandbox.vm.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two things the image builder reads from 64-bit little-endian ELF files: a kernel module's
 * {@code .modinfo} strings (its {@code depends=} line, since a kernel package carries no
 * {@code modules.dep}: depmod makes that at install time), and whether a program asks for a dynamic
 * loader (a guest without a C library can only run static programs).
 */
final class Elf {
    private static final int PT_INTERP = 3;

    private final ByteBuffer bytes;
    private final Path file;

    private Elf(Path file, byte[] content) throws IOException {
        this.file = file;
        this.bytes = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        if (content.length < 64 || content[0] != 0x7f || content[1] != 'E' || content[2] != 'L' || content[3] != 'F') {
            throw new IOException(file + " is not an ELF file");
        }
        if (content[4] != 2 || content[5] != 1) {
            throw new IOException(file + " is not a 64-bit little-endian ELF file");
        }
    }

    static Elf read(Path file) throws IOException {
        return new Elf(file, Files.readAllBytes(file));
    }

    /** Whether the program names a dynamic loader (a {@code PT_INTERP} header). */
    boolean isDynamic() {
        long phoff = bytes.getLong(0x20);
        int phentsize = Short.toUnsignedInt(bytes.getShort(0x36));
        int phnum = Short.toUnsignedInt(bytes.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            if (bytes.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
                return true;
            }
        }
        return false;
    }

    /** The NUL-separated {@code key=value} strings of the {@code .modinfo} section, or none. */
    List<String> modinfo() throws IOException {
        Optional<int[]> section = section(".modinfo");
        List<String> entries = new ArrayList<>();
        if (section.isEmpty()) {
            return entries;
        }
        int start = section.get()[0];
        int end = start + section.get()[1];
        int from = start;
        for (int i = start; i < end; i++) {
            if (bytes.get(i) == 0) {
                if (i > from) {
                    entries.add(new String(bytes.array(), from, i - from, StandardCharsets.UTF_8));
                }
                from = i + 1;
            }
        }
        return entries;
    }

    /** Offset and size of the named section. */
    private Optional<int[]> section(String name) throws IOException {
        try {
            long shoff = bytes.getLong(0x28);
            int shentsize = Short.toUnsignedInt(bytes.getShort(0x3A));
            int shnum = Short.toUnsignedInt(bytes.getShort(0x3C));
            int shstrndx = Short.toUnsignedInt(bytes.getShort(0x3E));
            int names = (int) bytes.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
            for (int i = 0; i < shnum; i++) {
                int header = (int) (shoff + (long) i * shentsize);
                if (name.equals(cString(names + bytes.getInt(header)))) {
                    return Optional.of(new int[] {(int) bytes.getLong(header + 0x18), (int) bytes.getLong(header + 0x20)});
                }
            }
            return Optional.empty();
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + ": malformed ELF section headers", e);
        }
    }

    private String cString(int offset) {
        int end = offset;
        while (bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), offset, end - offset, StandardCharsets.US_ASCII);
    }
}
