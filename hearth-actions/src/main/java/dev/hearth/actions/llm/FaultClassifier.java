package dev.hearth.actions.llm;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * Sorts what a langchain4j chat call threw into a {@link FailureCause}, with a short message free of
 * the API key. langchain4j maps HTTP statuses to its own exception types; transport errors arrive as
 * {@link IOException}s wrapped in runtime exceptions, and a body that is not JSON as a Jackson error.
 */
final class FaultClassifier {

    private static final int MAX_DETAIL = 300;

    private final Redactor redactor;

    FaultClassifier(Redactor redactor) {
        this.redactor = redactor;
    }

    LlmCallException classify(Throwable t) {
        if (t instanceof LlmCallException already) {
            return already;
        }
        HttpException http = find(t, HttpException.class);
        if (http != null) {
            return new LlmCallException(byStatus(http.statusCode()),
                    "HTTP " + http.statusCode() + detail(http.getMessage()));
        }
        FailureCause cause;
        if (find(t, InterruptedException.class) != null || Thread.currentThread().isInterrupted()) {
            cause = FailureCause.INTERRUPTED;
        } else if (t instanceof TimeoutException || find(t, HttpTimeoutException.class) != null) {
            cause = FailureCause.TIMEOUT;
        } else if (t instanceof InternalServerException) {
            cause = FailureCause.SERVER_ERROR;
        } else if (t instanceof RateLimitException) {
            cause = FailureCause.RATE_LIMITED;
        } else if (t instanceof AuthenticationException) {
            cause = FailureCause.AUTHENTICATION;
        } else if (t instanceof ModelNotFoundException) {
            cause = FailureCause.MODEL_NOT_FOUND;
        } else if (t instanceof InvalidRequestException) {
            cause = FailureCause.BAD_REQUEST;
        } else if (find(t, JacksonException.class) != null) {
            // Checked before IOException: Jackson's exceptions are IOExceptions too.
            cause = FailureCause.MALFORMED_RESPONSE;
        } else if (t instanceof UnresolvedModelServerException || find(t, IOException.class) != null) {
            cause = FailureCause.CONNECTION;
        } else {
            cause = FailureCause.OTHER;
        }
        return new LlmCallException(cause, describe(t));
    }

    private static FailureCause byStatus(int status) {
        if (status >= 500) {
            return FailureCause.SERVER_ERROR;
        }
        return switch (status) {
            case 401, 403 -> FailureCause.AUTHENTICATION;
            case 404 -> FailureCause.MODEL_NOT_FOUND;
            case 408 -> FailureCause.TIMEOUT;
            case 429 -> FailureCause.RATE_LIMITED;
            default -> status >= 400 ? FailureCause.BAD_REQUEST : FailureCause.MALFORMED_RESPONSE;
        };
    }

    /** The innermost message, which names the actual fault ("Connection reset"), with its type. */
    private String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + detail(msg);
    }

    private String detail(String msg) {
        if (msg == null || msg.isBlank()) {
            return "";
        }
        String one = redactor.redact(msg).strip().replaceAll("\\s+", " ");
        return ": " + (one.length() > MAX_DETAIL ? one.substring(0, MAX_DETAIL) + "…" : one);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
