package dev.hearth.actions.llm.fake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fails a fixed share of the calls at random positions, reproducibly. Calls are taken in blocks of
 * {@value #BLOCK} in arrival order; in each block exactly {@code round(rate × BLOCK)} calls, at
 * positions drawn from a seeded {@link Random}, get a fault (its kind drawn too), so "30% of calls
 * fail" holds for the run and not just on average, and a sequential run sees the same faults every
 * time. The other calls get {@code healthy}'s reply.
 */
public final class RandomFaults implements Behaviour {

    /** The faults to choose from, each with the same chance. */
    public enum Fault {
        CONNECTION_RESET, SERVER_ERROR, TIMEOUT, MALFORMED_BODY,
        NOT_JSON, EMPTY_SCRIPT, BASH_SYNTAX_ERROR, TOO_BIG
    }

    static final int BLOCK = 20;

    private final Random random;
    private final int faultsPerBlock;
    private final java.util.ArrayDeque<Boolean> block = new java.util.ArrayDeque<>();
    private final List<Fault> kinds;
    private final Duration stall;
    private final int tooBigBytes;
    private final Behaviour healthy;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private int healthyReplies;

    /**
     * @param seed        the random seed
     * @param rate        the share of calls that fail, 0 to 1, in steps of 1/{@value #BLOCK}
     * @param kinds       the faults to choose from
     * @param stall       how long a {@link Fault#TIMEOUT} holds the answer back (longer than the client's timeout)
     * @param tooBigBytes a {@link Fault#TOO_BIG} script's size (above the client's limit)
     * @param healthy     the reply to the other calls
     */
    public RandomFaults(long seed, double rate, List<Fault> kinds, Duration stall, int tooBigBytes, Behaviour healthy) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kinds");
        }
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1");
        }
        this.random = new Random(seed);
        this.faultsPerBlock = (int) Math.round(rate * BLOCK);
        this.kinds = List.copyOf(kinds);
        this.stall = stall;
        this.tooBigBytes = tooBigBytes;
        this.healthy = healthy;
    }

    @Override
    public Reply reply(FakeLlmRequest request, int callNumber) {
        Fault fault;
        synchronized (this) {
            if (block.isEmpty()) {
                List<Boolean> next = new java.util.ArrayList<>();
                for (int i = 0; i < BLOCK; i++) {
                    next.add(i < faultsPerBlock);
                }
                java.util.Collections.shuffle(next, random);
                block.addAll(next);
            }
            if (!block.removeFirst()) {
                healthyReplies++;
                fault = null;
            } else {
                fault = kinds.get(random.nextInt(kinds.size()));
                injected.merge(fault, 1, Integer::sum);
            }
        }
        if (fault == null) {
            return healthy.reply(request, callNumber);
        }
        return switch (fault) {
            case CONNECTION_RESET -> new Reply.ConnectionReset();
            case SERVER_ERROR -> new Reply.HttpError(500, "{\"error\":\"injected server error\"}");
            case TIMEOUT -> new Reply.Delayed(stall, healthy.reply(request, callNumber));
            case MALFORMED_BODY -> new Reply.MalformedBody();
            case NOT_JSON -> new Reply.Answer(FakeAnswers.notJson());
            case EMPTY_SCRIPT -> new Reply.Answer(FakeAnswers.emptyScript());
            case BASH_SYNTAX_ERROR -> new Reply.Answer(FakeAnswers.bashSyntaxError());
            case TOO_BIG -> new Reply.Answer(FakeAnswers.tooBig(tooBigBytes));
        };
    }

    /** How many of each fault were injected so far. */
    public synchronized Map<Fault, Integer> injected() {
        return Map.copyOf(injected);
    }

    /** Faults injected so far. */
    public synchronized int faults() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Calls answered with {@code healthy}'s reply so far. */
    public synchronized int healthyReplies() {
        return healthyReplies;
    }
}
