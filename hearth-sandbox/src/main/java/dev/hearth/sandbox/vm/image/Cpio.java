package dev.hearth.sandbox.vm.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a "newc" cpio archive, the format the kernel unpacks an initramfs from. Written here rather
 * than by a cpio program because the archive must hold a {@code /dev/console} device node (the kernel
 * opens it for init before anything is mounted), which only root could make on disk, and because
 * fixed owners and times keep the archive the same bytes for the same recipe.
 */
final class Cpio implements AutoCloseable {
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int CHARACTER_DEVICE = 0020000;

    private final OutputStream out;
    private long written;
    private int nextInode = 1;

    Cpio(OutputStream out) {
        this.out = out;
    }

    void directory(String path) throws IOException {
        entry(path, DIRECTORY | 0755, 2, 0, 0, new byte[0]);
    }

    void file(String path, int permissions, byte[] content) throws IOException {
        entry(path, REGULAR | permissions, 1, 0, 0, content);
    }

    void symlink(String path, String target) throws IOException {
        entry(path, SYMLINK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
    }

    void characterDevice(String path, int permissions, int major, int minor) throws IOException {
        entry(path, CHARACTER_DEVICE | permissions, 1, major, minor, new byte[0]);
    }

    private void entry(String path, int mode, int links, int major, int minor, byte[] data) throws IOException {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("cpio paths are relative: " + path);
        }
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("070701");
        long[] fields = {nextInode++, mode, 0, 0, links, 0, data.length, 0, 0, major, minor, name.length, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        write(header.toString().getBytes(StandardCharsets.US_ASCII));
        write(name);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    /** Writes the trailer entry; the stream stays open. */
    @Override
    public void close() throws IOException {
        nextInode = 0;
        entry("TRAILER!!!", 0, 1, 0, 0, new byte[0]);
        out.flush();
    }
}
