package dev.hearth.actions.builtin.artifact;

import dev.hearth.actions.builtin.files.SandboxMirror.FoundFile;
import dev.hearth.actions.builtin.files.SandboxPaths;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An artifact's zip archive: files only (GitHub's v4 artifacts keep neither empty directories nor
 * permissions), named relative to the artifact's root directory.
 */
final class ArtifactZip {
    private ArtifactZip() {
    }

    /**
     * Writes the files into a zip archive.
     *
     * @param rootDirectory the sandbox directory the names are relative to
     * @param level         the deflate level, 0 (store) to 9
     */
    static void write(List<FoundFile> files, String rootDirectory, Path archive, int level) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.setLevel(level);
            for (FoundFile file : files) {
                ZipEntry entry = new ZipEntry(SandboxPaths.relativize(rootDirectory, file.sandboxPath()));
                entry.setLastModifiedTime(Files.getLastModifiedTime(file.content()));
                zip.putNextEntry(entry);
                Files.copy(file.content(), zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Unpacks an archive into a host folder, refusing names that would land outside it.
     *
     * @return how many files it held
     */
    static int extract(InputStream archive, Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        Files.createDirectories(base);
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path out = base.resolve(entry.getName()).normalize();
                if (!out.startsWith(base) || out.equals(base)) {
                    throw new IOException("refusing the archive entry '" + entry.getName() + "': it leads outside "
                            + "the download folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream file = Files.newOutputStream(out)) {
                    zip.transferTo(file);
                }
                FileTime time = entry.getLastModifiedTime();
                if (time != null) {
                    Files.setLastModifiedTime(out, time);
                }
                count++;
            }
        }
        return count;
    }
}
