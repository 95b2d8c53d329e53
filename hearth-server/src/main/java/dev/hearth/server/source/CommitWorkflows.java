package dev.hearth.server.source;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The workflows of a commit, read from the git objects without a checkout: every {@code .yml} or
 * {@code .yaml} blob directly in {@code .github/workflows} (GitHub ignores sub-folders), parsed with
 * {@link WorkflowReader}. Local reusable workflows they call are read from the same commit. Invalid files
 * are kept with their problems: they are reported as errored, never run.
 */
public final class CommitWorkflows {

    /** Where GitHub looks for workflows. */
    public static final String FOLDER = ".github/workflows";

    private final Repository repo;
    private final RevTree tree;

    private CommitWorkflows(Repository repo, RevTree tree) {
        this.repo = repo;
        this.tree = tree;
    }

    /**
     * Reads the workflows of {@code commit}, sorted by path.
     *
     * @param options how to read them; its local files hook is replaced by this commit's files
     */
    public static List<WorkflowFile> read(Repository repo, ObjectId commit, ReadOptions options) throws IOException {
        RevTree tree;
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            tree = c.getTree();
        }
        CommitWorkflows files = new CommitWorkflows(repo, tree);
        ReadOptions fromCommit = options.withLocalFiles(files::file);
        List<WorkflowFile> out = new ArrayList<>();
        for (String path : files.workflowPaths()) {
            byte[] content = files.file(path).orElseThrow(() -> new IOException(path + " vanished from " + commit.name()));
            ReadResult result = WorkflowReader.read(path, content, fromCommit);
            out.add(new WorkflowFile(path, result));
        }
        return out;
    }

    private List<String> workflowPaths() throws IOException {
        List<String> paths = new ArrayList<>();
        try (TreeWalk folder = TreeWalk.forPath(repo, FOLDER, tree)) {
            if (folder == null || !folder.isSubtree()) {
                return paths;
            }
            try (TreeWalk walk = new TreeWalk(repo)) {
                walk.addTree(folder.getObjectId(0));
                walk.setRecursive(false);
                while (walk.next()) {
                    String name = walk.getNameString();
                    boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
                    FileMode mode = walk.getFileMode(0);
                    if (yaml && (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)) {
                        paths.add(FOLDER + "/" + name);
                    }
                }
            }
        }
        paths.sort(null);
        return paths;
    }

    /**
     * One file of the commit, at most one byte over the reader's size limit (so a huge file is refused
     * without reading it all); empty when the commit has no such regular file or the path leaves the tree.
     */
    Optional<byte[]> file(String path) throws IOException {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return Optional.empty();
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return Optional.empty();
            }
        }
        try (TreeWalk walk = TreeWalk.forPath(repo, path, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            FileMode mode = walk.getFileMode(0);
            // A symbolic link's blob is its target's name, not the file: GitHub does not follow it either.
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                return Optional.empty();
            }
            try (ObjectReader reader = repo.newObjectReader()) {
                ObjectLoader loader = reader.open(walk.getObjectId(0));
                try (InputStream in = loader.openStream()) {
                    return Optional.of(in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1));
                }
            }
        }
    }
}
