package dev.hearth.server.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A repository made by a test: a working clone where commits are made and a bare "GitHub" repository they
 * are pushed to, served to the cache by path. Also writes payloads shaped like GitHub's.
 */
final class Origin implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NAME = "octo/hello";

    final Path bare;
    final Git work;

    Origin(Path dir, boolean allowShaWants) throws Exception {
        bare = dir.resolve("origin.git");
        Git.init().setBare(true).setGitDir(bare.toFile()).setInitialBranch("main").call().close();
        if (allowShaWants) {
            // GitHub lets clients ask for any commit by SHA, even one a force push left unreachable.
            try (Repository r = RepositoryCache.open(bare)) {
                r.getConfig().setBoolean("uploadpack", null, "allowAnySHA1InWant", true);
                r.getConfig().save();
            }
        }
        work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
    }

    /** Writes files (null content deletes) and commits them on the current branch. */
    RevCommit commit(String message, Map<String, String> files) throws Exception {
        Path root = work.getRepository().getWorkTree().toPath();
        for (var e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.delete(file);
                work.rm().addFilepattern(e.getKey()).call();
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                work.add().addFilepattern(e.getKey()).call();
            }
        }
        PersonIdent who = new PersonIdent("Test", "test@example.com");
        return work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void checkoutNew(String branch) throws Exception {
        work.checkout().setCreateBranch(true).setName(branch).call();
    }

    void checkout(String branch) throws Exception {
        work.checkout().setName(branch).call();
    }

    /** Pushes {@code src:dst} to the bare repository, forced. */
    void push(String src, String dst) throws Exception {
        work.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("+" + src + ":" + dst)).call();
    }

    void tag(String name, RevCommit commit) throws Exception {
        work.tag().setName(name).setObjectId(commit).setAnnotated(false).call();
    }

    /** A merge commit of {@code head} into {@code base}, with {@code head}'s tree, stored in the bare repository under {@code ref}. */
    ObjectId mergeCommit(RevCommit base, RevCommit head, String ref) throws Exception {
        push(head.name(), "refs/hearth-test/tmp");
        push(base.name(), "refs/hearth-test/tmp2");
        try (Repository r = RepositoryCache.open(bare); ObjectInserter ins = r.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(head.getTree().getId());
            cb.setParentIds(base.getId(), head.getId());
            PersonIdent who = new PersonIdent("GitHub", "noreply@github.com");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Merge " + head.name() + " into " + base.name());
            ObjectId id = ins.insert(cb);
            ins.flush();
            RefUpdate u = r.updateRef(ref);
            u.setNewObjectId(id);
            u.setForceUpdate(true);
            u.update();
            for (String tmp : List.of("refs/hearth-test/tmp", "refs/hearth-test/tmp2")) {
                RefUpdate d = r.updateRef(tmp);
                d.setForceUpdate(true);
                d.delete();
            }
            return id;
        }
    }

    ObjectNode repository() {
        ObjectNode repo = JSON.createObjectNode();
        repo.put("full_name", NAME);
        repo.put("clone_url", bare.toString());
        return repo;
    }

    /** A push body as GitHub sends it (the fields Hearth reads). */
    ObjectNode pushPayload(String ref, String before, String after, List<RevCommit> commits) {
        ObjectNode p = JSON.createObjectNode();
        p.put("ref", ref);
        p.put("before", before == null ? EventFacts.ZERO_SHA : before);
        p.put("after", after);
        p.put("created", before == null);
        p.put("deleted", false);
        ArrayNode list = p.putArray("commits");
        for (RevCommit c : commits) {
            list.addObject().put("id", c.name()).put("message", c.getFullMessage());
        }
        p.set("repository", repository());
        p.putObject("sender").put("login", "octocat");
        return p;
    }

    ObjectNode pullRequestPayload(String action, int number, RevCommit base, String baseRef, RevCommit head,
                                  String headRef, ObjectId merge) {
        ObjectNode p = JSON.createObjectNode();
        p.put("action", action);
        p.put("number", number);
        ObjectNode pr = p.putObject("pull_request");
        pr.put("number", number);
        if (merge != null) {
            pr.put("merge_commit_sha", merge.name());
        } else {
            pr.putNull("merge_commit_sha");
        }
        ObjectNode b = pr.putObject("base");
        b.put("ref", baseRef).put("sha", base.name());
        b.putObject("repo").put("full_name", NAME);
        ObjectNode h = pr.putObject("head");
        h.put("ref", headRef).put("sha", head.name());
        h.putObject("repo").put("full_name", NAME);
        p.set("repository", repository());
        p.putObject("sender").put("login", "octocat");
        return p;
    }

    static byte[] bytes(ObjectNode payload) throws IOException {
        return JSON.writeValueAsBytes(payload);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String head(Repository r) throws IOException {
        try (RevWalk w = new RevWalk(r)) {
            return w.parseCommit(r.resolve(Constants.HEAD)).name();
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
