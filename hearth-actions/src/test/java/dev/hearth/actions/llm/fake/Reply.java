package dev.hearth.actions.llm.fake;

import java.time.Duration;

/** What the fake server does with one request. */
public sealed interface Reply {

    /** A well-formed protocol response whose assistant message is {@code content}. */
    record Answer(String content) implements Reply {
    }

    /** An HTTP error status with a body. */
    record HttpError(int status, String body) implements Reply {
    }

    /** The connection is reset (TCP RST) without a response. */
    record ConnectionReset() implements Reply {
    }

    /** HTTP 200 whose body is cut off mid-JSON. */
    record MalformedBody() implements Reply {
    }

    /** {@code then}, after {@code delay}: longer than the client's timeout, it makes the client give up. */
    record Delayed(Duration delay, Reply then) implements Reply {
    }
}
