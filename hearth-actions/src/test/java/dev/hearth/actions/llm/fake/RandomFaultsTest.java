package dev.hearth.actions.llm.fake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RandomFaultsTest {

    private static List<String> replies(long seed, int n) {
        var faults = new RandomFaults(seed, 0.30, List.of(RandomFaults.Fault.values()), Duration.ofSeconds(1), 10,
                Behaviour.answering(r -> "ok"));
        var request = new FakeLlmRequest(Protocol.OLLAMA, "m", List.of(new FakeLlmRequest.Message("user", "uses: a/b@v1")),
                true, null, "{}");
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(faults.reply(request, i).toString());
        }
        return out;
    }

    @Test
    void exactlyThirtyPercentOfEachBlockFailAndTheSeedFixesWhich() {
        List<String> a = replies(7, 100);
        for (int block = 0; block < 100; block += RandomFaults.BLOCK) {
            assertThat(a.subList(block, block + RandomFaults.BLOCK))
                    .filteredOn(s -> !s.equals("Answer[content=ok]")).hasSize(6);
        }
        assertThat(replies(7, 100)).isEqualTo(a);
        assertThat(replies(8, 100)).isNotEqualTo(a);
    }
}
