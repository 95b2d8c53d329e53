package dev.hearth.server.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a fetch brought into the cache.
 *
 * @param gitDir  the bare repository
 * @param commits each want that was fetched, with its commit; optional wants that could not be are absent
 */
public record FetchedCommits(Path gitDir, Map<Want, ObjectId> commits) {
    public FetchedCommits {
        commits = Map.copyOf(commits);
    }

    public Optional<ObjectId> commit(Want want) {
        return Optional.ofNullable(commits.get(want));
    }
}
