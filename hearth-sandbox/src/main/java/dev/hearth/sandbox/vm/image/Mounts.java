package dev.hearth.sandbox.vm.image;

import dev.hearth.sandbox.SandboxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File systems mounted inside a folder. debootstrap mounts /proc and /sys (and on some hosts binds
 * /dev) inside the tree it builds and unmounts them when it ends; a debootstrap that was killed
 * leaves them, and deleting that tree would walk into the host's /proc or, worse, delete the host's
 * device nodes through a bind of /dev. So a tree is cleared of mounts before it is deleted.
 */
final class Mounts {
    private Mounts() {
    }

    /** Mount points at or below {@code dir}, deepest first, from {@code /proc/self/mountinfo}. */
    static List<Path> under(Path dir) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        Path mountinfo = Path.of("/proc/self/mountinfo");
        if (!Files.isReadable(mountinfo)) {
            return found;
        }
        for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                Path point = Path.of(unescape(fields[4]));
                if (point.startsWith(base)) {
                    found.add(point);
                }
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /** Detaches every mount at or below {@code dir} ({@code umount -l}); fails if one stays. */
    static void clear(Path dir) throws SandboxException {
        try {
            for (Path point : under(dir)) {
                Tools.run(List.of("umount", "-l", point.toString()), Path.of("/"), Duration.ofSeconds(30));
            }
            List<Path> left = under(dir);
            if (!left.isEmpty()) {
                throw new SandboxException("cannot unmount " + left + "; not deleting " + dir);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read the mounts under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** mountinfo writes space, tab, newline and backslash as three octal digits after a backslash. */
    static String unescape(String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\\' && i + 3 < bytes.length && isOctal(bytes[i + 1]) && isOctal(bytes[i + 2]) && isOctal(bytes[i + 3])) {
                out.write((bytes[i + 1] - '0') * 64 + (bytes[i + 2] - '0') * 8 + (bytes[i + 3] - '0'));
                i += 3;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
