package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobAndLogStoreTest extends StoreTestBase {

    private long aRun() {
        String d = storedDelivery("d-1");
        return new RunStore(db, clock).enqueue(new NewRun(d, "octo/hello", "b".repeat(40), "refs/heads/main", "ci.yml")).orElseThrow();
    }

    @Test
    void recordsJobsAndStepsWithStatesConclusionsAndDurations() {
        long run = aRun();
        JobStore jobs = new JobStore(db, clock);
        long build = jobs.addJob(run, "build", "build (ubuntu)");
        long test = jobs.addJob(run, "test", "test");
        long checkout = jobs.addStep(build, 1, "checkout");
        long compile = jobs.addStep(build, 2, "compile");

        jobs.startJob(build);
        jobs.startStep(checkout);
        clock.advance(Duration.ofMillis(1500));
        jobs.completeStep(checkout, Conclusion.SUCCESS);
        jobs.startStep(compile);
        clock.advance(Duration.ofMillis(250));
        jobs.completeStep(compile, Conclusion.FAILURE);
        jobs.completeJob(build, Conclusion.FAILURE);
        jobs.completeJob(test, Conclusion.SKIPPED);

        List<Job> all = jobs.jobsOf(run);
        assertThat(all).extracting(Job::jobKey).containsExactly("build", "test");
        assertThat(all.get(0).conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(all.get(0).durationMs()).isEqualTo(1750L);
        assertThat(all.get(1).conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(all.get(1).durationMs()).as("never started").isNull();
        List<Step> steps = jobs.stepsOf(build);
        assertThat(steps).extracting(Step::name).containsExactly("checkout", "compile");
        assertThat(steps).extracting(Step::durationMs).containsExactly(1500L, 250L);
        assertThat(steps).extracting(Step::state).containsOnly(RunState.COMPLETED);
    }

    @Test
    void appendsLogChunksAndReadsThemBackInOrderFromAPosition() {
        long run = aRun();
        JobStore jobs = new JobStore(db, clock);
        long job = jobs.addJob(run, "build", "build");
        long step = jobs.addStep(job, 1, "echo");
        LogStore logs = new LogStore(db, clock);

        long first = logs.append(run, null, null, 0, "Run started\n");
        logs.append(run, job, step, 0, "hello\n");
        logs.append(run, job, step, 1, "wörld ✓\n");

        List<LogChunk> all = logs.read(run, 0, 100);
        assertThat(all).extracting(LogChunk::text).containsExactly("Run started\n", "hello\n", "wörld ✓\n");
        assertThat(all.get(0).jobId()).isNull();
        assertThat(logs.read(run, first, 100)).extracting(LogChunk::sequence).containsExactly(0, 1);
        assertThat(logs.read(run, first, 1)).hasSize(1);
        assertThat(logs.readStep(step)).extracting(LogChunk::text).containsExactly("hello\n", "wörld ✓\n");
        assertThat(logs.read(run, all.get(2).id(), 100)).as("nothing new yet").isEmpty();
    }
}
