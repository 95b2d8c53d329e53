package dev.hearth.actions.llm.fake;

import java.util.List;
import java.util.function.Function;

/** Decides the fake server's reply to each request. Called concurrently; implementations must be thread-safe. */
@FunctionalInterface
public interface Behaviour {

    /**
     * @param request    the request
     * @param callNumber 1 for the first request the server received, 2 for the next…
     */
    Reply reply(FakeLlmRequest request, int callNumber);

    /** Always answers with {@code content(request)}. */
    static Behaviour answering(Function<FakeLlmRequest, String> content) {
        return (request, n) -> new Reply.Answer(content.apply(request));
    }

    /** The given replies for the first calls, in order, then {@code then}. */
    static Behaviour firstThen(List<Reply> first, Behaviour then) {
        List<Reply> copy = List.copyOf(first);
        return (request, n) -> n <= copy.size() ? copy.get(n - 1) : then.reply(request, n);
    }
}
