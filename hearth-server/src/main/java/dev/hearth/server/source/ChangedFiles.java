package dev.hearth.server.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files an event changed, for {@code paths} filters, compared the way GitHub documents ("Git diff
 * comparisons" under workflow syntax, {@code on.<push|pull_request>.paths}):
 *
 * <ul>
 *   <li>a push to an existing branch, also a force push: a two-dot diff, the {@code before} tree against
 *       the {@code after} tree directly;</li>
 *   <li>a push of a new branch: a two-dot diff against the parent of the deepest commit pushed (the oldest
 *       commit the payload lists); with no commits listed, nothing changed;</li>
 *   <li>a pull request: a three-dot diff, the merge base of base and head against the head.</li>
 * </ul>
 *
 * Both sides of a rename count (GitHub lists the old and the new path). A null answer means unknown: then
 * {@code paths} filters do not block, as GitHub runs a workflow whose diff it could not compute.
 */
public final class ChangedFiles {
    private ChangedFiles() {
    }

    /**
     * The files a push changed, or null when the commits needed are not in the repository.
     *
     * @param before        the ref's previous commit, or null for a new ref
     * @param after         the pushed commit
     * @param pushedCommits the payload's commit ids, oldest first (used for a new ref)
     */
    public static List<String> ofPush(Repository repo, ObjectId before, ObjectId after, List<String> pushedCommits)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit head = parse(walk, after);
            if (head == null) {
                return null;
            }
            if (before != null) {
                RevCommit old = parse(walk, before);
                return old == null ? null : diff(repo, old, head);
            }
            if (pushedCommits.isEmpty()) {
                return List.of(); // a new branch at an existing commit pushes no change
            }
            RevCommit deepest = parse(walk, ObjectId.fromString(pushedCommits.get(0)));
            if (deepest == null) {
                return null;
            }
            walk.parseHeaders(deepest);
            RevCommit parent = deepest.getParentCount() == 0 ? null : parse(walk, deepest.getParent(0));
            if (deepest.getParentCount() > 0 && parent == null) {
                return null;
            }
            return diff(repo, parent, head);
        }
    }

    /** The files a pull request changes: merge base of base and head against head; null when unknown. */
    public static List<String> ofPullRequest(Repository repo, ObjectId base, ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit b = parse(walk, base);
            RevCommit h = parse(walk, head);
            if (b == null || h == null) {
                return null;
            }
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(b);
            walk.markStart(h);
            RevCommit mergeBase = walk.next();
            if (mergeBase == null) {
                return null; // unrelated histories: GitHub cannot compare them either
            }
            return diff(repo, walk.parseCommit(mergeBase), h);
        }
    }

    private static RevCommit parse(RevWalk walk, ObjectId id) {
        try {
            return walk.parseCommit(id);
        } catch (IOException e) {
            return null;
        }
    }

    /** Paths that differ between two commits' trees, in tree order; {@code from} null is the empty tree. */
    static List<String> diff(Repository repo, RevCommit from, RevCommit to) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.addTree(tree(reader, from));
            walk.addTree(tree(reader, to));
            Set<String> paths = new LinkedHashSet<>();
            for (DiffEntry entry : DiffEntry.scan(walk)) {
                if (entry.getChangeType() != DiffEntry.ChangeType.ADD) {
                    paths.add(entry.getOldPath());
                }
                if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    paths.add(entry.getNewPath());
                }
            }
            return new ArrayList<>(paths);
        }
    }

    private static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, commit.getTree());
        return parser;
    }
}
