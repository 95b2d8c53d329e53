package dev.hearth.actions.resolve;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where remote actions come from.
 *
 * @param baseUrl  the git host: {@code <baseUrl>/<owner>/<repo>} is fetched ({@code https://github.com} by
 *                 default; a {@code file://} URL serves tests and air-gapped hosts)
 * @param cacheDir where fetched actions are kept by commit SHA, shared by runs and processes
 * @param mirror   an offline mirror laid out as {@code <owner>/<repo>/<ref>/<path>}, looked at first; or null
 * @param offline  when true nothing is fetched: the mirror and the cache only
 * @param token    sent as the password of HTTPS fetches (GitHub's {@code x-access-token}), or null; never
 *                 logged and never written to disk
 */
public record ActionSources(String baseUrl, Path cacheDir, Path mirror, boolean offline, String token) {

    /** GitHub. */
    public static final String GITHUB = "https://github.com";

    public ActionSources {
        Objects.requireNonNull(cacheDir, "cacheDir");
        baseUrl = baseUrl == null || baseUrl.isBlank() ? GITHUB : stripSlash(baseUrl.strip());
        URI.create(baseUrl); // a malformed base is a configuration error, found here rather than at a fetch
    }

    /** GitHub, the given cache, no mirror, online, no token. */
    public static ActionSources github(Path cacheDir) {
        return new ActionSources(GITHUB, cacheDir, null, false, null);
    }

    public ActionSources withMirror(Path dir) {
        return new ActionSources(baseUrl, cacheDir, dir, offline, token);
    }

    public ActionSources withOffline(boolean off) {
        return new ActionSources(baseUrl, cacheDir, mirror, off, token);
    }

    /**
     * The cache folder when none is configured: {@code $HEARTH_ACTIONS_CACHE}, else
     * {@code $XDG_CACHE_HOME/hearth/actions}, else {@code ~/.cache/hearth/actions}.
     */
    public static Path defaultCacheDir(Map<String, String> env) {
        String explicit = env.get("HEARTH_ACTIONS_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hearth").resolve("actions");
    }

    /** The URL fetched for {@code owner/repo}. */
    public String repositoryUrl(String owner, String repo) {
        return baseUrl + "/" + owner + "/" + repo;
    }

    private static String stripSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ActionSources[baseUrl=" + baseUrl + ", cacheDir=" + cacheDir + ", mirror=" + mirror + ", offline="
                + offline + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
