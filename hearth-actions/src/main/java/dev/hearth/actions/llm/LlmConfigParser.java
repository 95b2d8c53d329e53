package dev.hearth.actions.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link LlmConfig} from the environment. No {@code HEARTH_LLM_PROVIDER} (or an empty one) means
 * no LLM: the result is empty and steps that need a translation fail as they would without Hearth's
 * fallback. Every bad value is an {@link LlmConfigException} naming the variable and what it accepts.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><td>{@code HEARTH_LLM_PROVIDER}</td><td>{@code ollama} or {@code openai} (also for OpenRouter and other
 *     OpenAI-compatible APIs)</td></tr>
 * <tr><td>{@code HEARTH_LLM_MODEL}</td><td>required with a provider</td></tr>
 * <tr><td>{@code HEARTH_LLM_BASE_URL}</td><td>http(s) URL; default {@code http://localhost:11434} (ollama),
 *     {@code https://api.openai.com/v1} (openai)</td></tr>
 * <tr><td>{@code HEARTH_LLM_API_KEY}</td><td>optional; sent as a bearer token, never printed</td></tr>
 * <tr><td>{@code HEARTH_LLM_TIMEOUT}</td><td>one call's limit, e.g. {@code 90s}, {@code 2m}, {@code 500ms},
 *     a bare number of seconds or ISO-8601 ({@code PT90S}); default 120s</td></tr>
 * <tr><td>{@code HEARTH_LLM_MAX_CONCURRENCY}</td><td>calls in flight to the provider at once; default 2</td></tr>
 * <tr><td>{@code HEARTH_LLM_QUEUE_TIMEOUT}</td><td>how long a call waits for a free slot; default 15m</td></tr>
 * <tr><td>{@code HEARTH_LLM_MAX_ATTEMPTS}</td><td>calls per translation; default 5</td></tr>
 * <tr><td>{@code HEARTH_LLM_BACKOFF}, {@code HEARTH_LLM_MAX_BACKOFF}</td><td>first and longest wait between
 *     attempts; default 1s and 30s</td></tr>
 * <tr><td>{@code HEARTH_LLM_BREAKER_OPEN}</td><td>how long a tripped circuit refuses calls; default 30s</td></tr>
 * <tr><td>{@code HEARTH_LLM_MAX_SCRIPT_BYTES}</td><td>largest accepted script; default 65536</td></tr>
 * <tr><td>{@code HEARTH_LLM_CACHE_DIR}</td><td>default {@code $XDG_CACHE_HOME/hearth/llm}, else
 *     {@code ~/.cache/hearth/llm}</td></tr>
 * </table>
 */
public final class LlmConfigParser {

    public static final String PROVIDER = "HEARTH_LLM_PROVIDER";
    public static final String MODEL = "HEARTH_LLM_MODEL";
    public static final String BASE_URL = "HEARTH_LLM_BASE_URL";
    public static final String API_KEY = "HEARTH_LLM_API_KEY";
    public static final String TIMEOUT = "HEARTH_LLM_TIMEOUT";
    public static final String MAX_CONCURRENCY = "HEARTH_LLM_MAX_CONCURRENCY";
    public static final String QUEUE_TIMEOUT = "HEARTH_LLM_QUEUE_TIMEOUT";
    public static final String MAX_ATTEMPTS = "HEARTH_LLM_MAX_ATTEMPTS";
    public static final String BACKOFF = "HEARTH_LLM_BACKOFF";
    public static final String MAX_BACKOFF = "HEARTH_LLM_MAX_BACKOFF";
    public static final String BREAKER_OPEN = "HEARTH_LLM_BREAKER_OPEN";
    public static final String MAX_SCRIPT_BYTES = "HEARTH_LLM_MAX_SCRIPT_BYTES";
    public static final String CACHE_DIR = "HEARTH_LLM_CACHE_DIR";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Path userHome;

    /** @param userHome where {@code ~/.cache} is, for the default cache folder */
    public LlmConfigParser(Path userHome) {
        this.userHome = userHome;
    }

    /** A parser for this process's user. */
    public static LlmConfigParser forCurrentUser() {
        return new LlmConfigParser(Path.of(System.getProperty("user.home")));
    }

    /** The configuration the variables describe, or empty when no provider is set. */
    public Optional<LlmConfig> parse(Map<String, String> env) throws LlmConfigException {
        String providerName = value(env, PROVIDER);
        if (providerName == null) {
            return Optional.empty();
        }
        LlmProvider provider = LlmProvider.byId(providerName).orElseThrow(() -> new LlmConfigException(
                PROVIDER + " must be 'ollama' or 'openai' (OpenRouter and other OpenAI-compatible APIs use"
                        + " 'openai' with " + BASE_URL + "), not '" + providerName + "'"));
        String model = value(env, MODEL);
        if (model == null) {
            throw new LlmConfigException(MODEL + " must name the model when " + PROVIDER + " is set"
                    + (provider == LlmProvider.OLLAMA ? " (e.g. llama3.1)" : " (e.g. gpt-4o-mini)"));
        }
        String baseUrl = baseUrl(value(env, BASE_URL), provider);
        String apiKey = apiKey(env.get(API_KEY));

        LlmConfig.Resilience d = LlmConfig.Resilience.DEFAULTS;
        LlmConfig.Resilience resilience;
        try {
            resilience = new LlmConfig.Resilience(
                    duration(env, TIMEOUT, d.timeout()),
                    positiveInt(env, MAX_CONCURRENCY, d.maxConcurrency()),
                    duration(env, QUEUE_TIMEOUT, d.queueTimeout()),
                    positiveInt(env, MAX_ATTEMPTS, d.maxAttempts()),
                    duration(env, BACKOFF, d.initialBackoff()),
                    duration(env, MAX_BACKOFF, d.maxBackoff()),
                    duration(env, BREAKER_OPEN, d.breakerOpen()));
        } catch (IllegalArgumentException e) {
            // Only the backoff pair can still be inconsistent here: each value was checked on its own.
            throw new LlmConfigException(MAX_BACKOFF + " must not be shorter than " + BACKOFF);
        }
        int maxScriptBytes = positiveInt(env, MAX_SCRIPT_BYTES, LlmConfig.DEFAULT_MAX_SCRIPT_BYTES);
        return Optional.of(new LlmConfig(provider, model, baseUrl, apiKey, cacheDir(env), resilience, maxScriptBytes));
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String baseUrl(String given, LlmProvider provider) throws LlmConfigException {
        if (given == null) {
            return provider.defaultBaseUrl();
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new LlmConfigException(BASE_URL + " is not a URL: '" + given + "' (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new LlmConfigException(BASE_URL + " must be an http:// or https:// URL, not '" + given + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new LlmConfigException(BASE_URL + " has no host: '" + given + "'");
        }
        if (uri.getUserInfo() != null) {
            // A password in the URL would show wherever the URL does (logs, messages); the key has its own variable.
            throw new LlmConfigException(BASE_URL + " must not hold credentials; use " + API_KEY);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new LlmConfigException(BASE_URL + " must not have a query or fragment: '" + given + "'");
        }
        String s = given;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String apiKey(String given) throws LlmConfigException {
        if (given == null || given.isBlank()) {
            return null;
        }
        String key = given.strip();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                // Never echo the key itself.
                throw new LlmConfigException(API_KEY + " contains whitespace or control characters (at position "
                        + i + " of " + key.length() + ")");
            }
        }
        return key;
    }

    private static Duration duration(Map<String, String> env, String name, Duration dflt) throws LlmConfigException {
        String v = value(env, name);
        if (v == null) {
            return dflt;
        }
        Duration d;
        Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                d = switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            } else {
                d = Duration.parse(v);
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new LlmConfigException(name + " must be a duration such as 90s, 2m, 500ms or PT90S, not '" + v + "'");
        }
        if (d.isZero() || d.isNegative()) {
            throw new LlmConfigException(name + " must be longer than zero, not '" + v + "'");
        }
        return d;
    }

    private static int positiveInt(Map<String, String> env, String name, int dflt) throws LlmConfigException {
        String v = value(env, name);
        if (v == null) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new LlmConfigException(name + " must be a whole number, not '" + v + "'");
        }
        if (n < 1) {
            throw new LlmConfigException(name + " must be at least 1, not " + n);
        }
        return n;
    }

    private Path cacheDir(Map<String, String> env) throws LlmConfigException {
        String given = value(env, CACHE_DIR);
        try {
            if (given != null) {
                return Path.of(given).toAbsolutePath();
            }
            String xdg = value(env, "XDG_CACHE_HOME");
            Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(".cache");
            return base.resolve("hearth").resolve("llm");
        } catch (InvalidPathException e) {
            throw new LlmConfigException(CACHE_DIR + " is not a usable path: " + e.getMessage());
        }
    }
}
