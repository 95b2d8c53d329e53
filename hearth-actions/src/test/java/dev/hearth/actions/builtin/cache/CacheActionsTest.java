package dev.hearth.actions.builtin.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.actions.builtin.BuiltinFixture;
import dev.hearth.actions.builtin.BuiltinResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actions/cache}, {@code cache/restore} and {@code cache/save} in real host sandboxes sharing
 * one host store, as two runs of a workflow would.
 */
class CacheActionsTest {
    @TempDir
    Path temp;

    BuiltinFixture first;
    BuiltinFixture second;

    @BeforeEach
    void setUp() throws Exception {
        first = BuiltinFixture.create(temp, "first");
        second = BuiltinFixture.create(temp, "second");
    }

    @AfterEach
    void tearDown() {
        first.close();
        second.close();
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aMissSavesInPostAndTheNextRunHits() throws Exception {
        CacheAction cache = new CacheAction();
        Map<String, String> with = with("path", "node_modules\n~/.npm", "key", "npm-abc");

        BuiltinResult miss = cache.main(first.context(cache, with));
        assertThat(miss.failed()).isFalse();
        assertThat(miss.outputs()).doesNotContainKey("cache-hit");
        assertThat(first.infos).contains("Cache not found for input keys: npm-abc");

        first.write("node_modules/left-pad/index.js", "module.exports = 1;");
        first.write(first.home + "/.npm/_cacache/index", "npm index");
        first.sh("chmod +x node_modules/left-pad/index.js && ln -s left-pad node_modules/alias");
        BuiltinResult saved = cache.post(first.context(cache, with, miss.state()));
        assertThat(saved.failed()).isFalse();
        assertThat(first.infos).contains("Cache saved with key: npm-abc");

        BuiltinResult hit = cache.main(second.context(cache, with));
        assertThat(hit.outputs()).containsEntry("cache-hit", "true");
        assertThat(second.read("node_modules/left-pad/index.js")).isEqualTo("module.exports = 1;");
        assertThat(second.read(second.home + "/.npm/_cacache/index")).isEqualTo("npm index");
        assertThat(second.sh("test -x node_modules/left-pad/index.js && readlink node_modules/alias").strip())
                .isEqualTo("left-pad");

        BuiltinResult post = cache.post(second.context(cache, with, hit.state()));
        assertThat(post.failed()).isFalse();
        assertThat(second.infos).contains("Cache hit occurred on the primary key npm-abc, not saving cache.");
        assertThat(new CacheStore(first.stores.cacheRoot(), first.stores.cacheLimit()).entries()).hasSize(1);
    }

    @Test
    void postSavesThePathsMainSawEvenWithoutInputs() throws Exception {
        CacheAction cache = new CacheAction();
        BuiltinResult miss = cache.main(first.context(cache, with("path", "dist", "key", "k-state")));
        first.write("dist/a", "a");

        cache.post(first.context(cache, with(), miss.state()));

        assertThat(first.infos).contains("Cache saved with key: k-state");
    }

    @Test
    void restoreKeysMatchByPrefixNewestFirstAndDoNotCountAsAHit() throws Exception {
        save(first, "deps-linux-aaa", "dist", "dist/v.txt", "old");
        waitForTheClockToMove();
        save(first, "deps-linux-bbb", "dist", "dist/v.txt", "new");
        waitForTheClockToMove();
        save(first, "deps-other-ccc", "dist", "dist/v.txt", "other");

        CacheRestoreAction restore = new CacheRestoreAction();
        BuiltinResult result = restore.main(second.context(restore,
                with("path", "dist", "key", "deps-linux-zzz", "restore-keys", "deps-linux-\ndeps-")));

        assertThat(result.failed()).isFalse();
        assertThat(result.outputs()).containsEntry("cache-hit", "false")
                .containsEntry("cache-matched-key", "deps-linux-bbb")
                .containsEntry("cache-primary-key", "deps-linux-zzz");
        assertThat(second.read("dist/v.txt")).isEqualTo("new");

        BuiltinResult exact = restore.main(second.context(restore, with("path", "dist", "key", "deps-linux-aaa")));
        assertThat(exact.outputs()).containsEntry("cache-hit", "true").containsEntry("cache-matched-key", "deps-linux-aaa");
        assertThat(second.read("dist/v.txt")).isEqualTo("old");
    }

    @Test
    void theSamePathsAreNeededToFindAnEntry() throws Exception {
        save(first, "k", "dist", "dist/a", "a");

        CacheRestoreAction restore = new CacheRestoreAction();
        BuiltinResult result = restore.main(second.context(restore, with("path", "dist\nbuild", "key", "k")));

        assertThat(result.outputs()).doesNotContainKey("cache-hit").containsEntry("cache-primary-key", "k");
        assertThat(second.exists("dist/a")).isFalse();
    }

    @Test
    void failOnCacheMissAndLookupOnly() throws Exception {
        CacheRestoreAction restore = new CacheRestoreAction();
        BuiltinResult failed = restore.main(second.context(restore,
                with("path", "dist", "key", "absent", "fail-on-cache-miss", "true")));
        assertThat(failed.failed()).isTrue();
        assertThat(failed.message()).isEqualTo(
                "Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: absent");

        save(first, "present", "dist", "dist/a", "a");
        BuiltinResult lookup = restore.main(second.context(restore,
                with("path", "dist", "key", "present", "lookup-only", "true")));
        assertThat(lookup.outputs()).containsEntry("cache-hit", "true");
        assertThat(second.exists("dist/a")).isFalse();
        assertThat(second.infos).contains("Cache found and can be restored from key: present");
    }

    @Test
    void globsAndExcludesChooseWhatIsSaved() throws Exception {
        first.write("build/obj/a.o", "a");
        first.write("build/obj/sub/b.o", "b");
        first.write("build/obj/sub/b.c", "c");
        first.write("build/tmp/t.o", "t");
        CacheSaveAction save = new CacheSaveAction();
        BuiltinResult saved = save.main(first.context(save,
                with("path", "build/**/*.o\n!build/tmp", "key", "objects")));
        assertThat(saved.failed()).isFalse();

        CacheRestoreAction restore = new CacheRestoreAction();
        restore.main(second.context(restore, with("path", "build/**/*.o\n!build/tmp", "key", "objects")));

        assertThat(second.sh("find build -type f | sort").strip().lines().toList())
                .containsExactly("build/obj/a.o", "build/obj/sub/b.o");
    }

    @Test
    void savingAKeyThatExistsIsRefusedWithAWarning() throws Exception {
        save(first, "fixed", "dist", "dist/a", "one");
        save(second, "fixed", "dist", "dist/a", "two");

        assertThat(second.warnings).contains(
                "Failed to save: Unable to reserve cache with key fixed, another job may be creating this cache.");
        CacheRestoreAction restore = new CacheRestoreAction();
        BuiltinFixture third = BuiltinFixture.create(temp, "third");
        try {
            restore.main(third.context(restore, with("path", "dist", "key", "fixed")));
            assertThat(third.read("dist/a")).isEqualTo("one");
        } finally {
            third.close();
        }
    }

    @Test
    void nothingToSaveIsAWarning() throws Exception {
        CacheSaveAction save = new CacheSaveAction();
        BuiltinResult result = save.main(first.context(save, with("path", "missing-dir", "key", "k")));

        assertThat(result.failed()).isFalse();
        assertThat(first.warnings).contains("Path Validation Error: Path(s) specified in the action for caching "
                + "do(es) not exist, hence no cache is being saved.");
    }

    @Test
    void invalidKeysFailTheRestore() throws Exception {
        CacheRestoreAction restore = new CacheRestoreAction();
        BuiltinResult comma = restore.main(first.context(restore, with("path", "dist", "key", "a,b")));
        assertThat(comma.failed()).isTrue();
        assertThat(comma.message()).isEqualTo("Key Validation Error: a,b cannot contain commas.");

        BuiltinResult many = restore.main(first.context(restore,
                with("path", "dist", "key", "k", "restore-keys", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10")));
        assertThat(many.failed()).isTrue();
        assertThat(many.message()).isEqualTo("Key Validation Error: Keys are limited to a maximum of 10.");

        BuiltinResult noPath = restore.main(first.context(restore, with("key", "k")));
        assertThat(noPath.message()).isEqualTo("Input required and not supplied: path");
    }

    @Test
    void anEntryLargerThanTheLimitIsNotSaved() throws Exception {
        first.stores = new BuiltinContext.Stores(temp.resolve("small-cache"), 10, first.stores.artifactRoot(), "1");
        save(first, "big", "dist", "dist/a", "more than ten bytes");

        assertThat(first.warnings).anyMatch(w -> w.startsWith("Failed to save: Cache size of")
                && w.endsWith("not saving cache."));
        assertThat(new CacheStore(temp.resolve("small-cache"), 10).entries()).isEmpty();
    }

    @Test
    void theCacheActionSavesOnlyWhenTheJobSucceeded() {
        CacheAction cache = new CacheAction();
        assertThat(cache.hasPost()).isTrue();
        assertThat(cache.postIf()).isEqualTo("success()");
        assertThat(new CacheRestoreAction().hasPost()).isFalse();
        assertThat(new CacheSaveAction().hasPost()).isFalse();
    }

    private static void save(BuiltinFixture fx, String key, String path, String file, String content) throws Exception {
        fx.write(file, content);
        CacheSaveAction save = new CacheSaveAction();
        BuiltinResult result = save.main(fx.context(save, with("path", path, "key", key)));
        assertThat(result.failed()).isFalse();
    }

    /** Entries are ordered by their creation time in milliseconds; make the next one later. */
    private static void waitForTheClockToMove() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now) {
            Thread.onSpinWait();
        }
    }
}
