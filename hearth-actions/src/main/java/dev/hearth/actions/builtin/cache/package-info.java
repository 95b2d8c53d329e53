/**
 * The built-in {@code actions/cache}, {@code actions/cache/restore} and {@code actions/cache/save}, over
 * a {@link dev.hearth.actions.builtin.cache.CacheStore} on the host: entries keyed by repository, key and
 * the version of their paths, found by exact key or by prefix (newest first), written atomically,
 * evicted least recently used first beyond a size limit, and safe for concurrent jobs and processes.
 */
package dev.hearth.actions.builtin.cache;
