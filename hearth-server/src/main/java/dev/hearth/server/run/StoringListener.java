package dev.hearth.server.run;

import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.RunListener;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import dev.hearth.server.metrics.ServerMetrics;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.JobStore;
import dev.hearth.server.store.LogStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records a run in the database as the engine reports it: jobs and steps as they start and end, and
 * their log lines in chunks (flushed at each step's end, at a job's end, and whenever a chunk grows
 * past {@link #CHUNK_CHARS}), so a crash loses at most one chunk and logs can be followed live.
 * The engine calls one job's events from one thread; different jobs may come from different threads.
 */
final class StoringListener implements RunListener {

    static final int CHUNK_CHARS = 8 * 1024;

    private final long runId;
    private final JobStore jobs;
    private final LogStore logs;
    private final ServerMetrics metrics;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<JobKey, JobState> open = new ConcurrentHashMap<>();

    StoringListener(long runId, JobStore jobs, LogStore logs, ServerMetrics metrics) {
        this.runId = runId;
        this.jobs = jobs;
        this.logs = logs;
        this.metrics = metrics;
    }

    /** One job's ids and its unwritten log lines. */
    private static final class JobState {
        final long jobId;
        final Map<Integer, Long> stepIds = new ConcurrentHashMap<>();
        final StringBuilder buffer = new StringBuilder();
        Long bufferStep;

        JobState(long jobId) {
            this.jobId = jobId;
        }
    }

    @Override
    public void jobStarted(JobKey job) {
        long id = jobs.addJob(runId, job.id() + (job.matrix().isEmpty() ? "" : " " + job.matrix()), job.displayName());
        jobs.startJob(id);
        open.put(job, new JobState(id));
    }

    @Override
    public void stepStarted(JobKey job, StepKey step) {
        JobState state = state(job);
        flush(state);
        long id = jobs.addStep(state.jobId, step.number(), step.name());
        jobs.startStep(id);
        state.stepIds.put(step.number(), id);
    }

    @Override
    public void log(JobKey job, StepKey step, LogLine line) {
        JobState state = state(job);
        Long stepId = step == null ? null : state.stepIds.get(step.number());
        synchronized (state) {
            if (!java.util.Objects.equals(stepId, state.bufferStep) && !state.buffer.isEmpty()) {
                flush(state);
            }
            state.bufferStep = stepId;
            state.buffer.append(render(line)).append('\n');
            if (state.buffer.length() >= CHUNK_CHARS) {
                flush(state);
            }
        }
    }

    @Override
    public void stepFinished(JobKey job, StepResult result) {
        JobState state = state(job);
        flush(state);
        Long id = state.stepIds.get(result.step().number());
        if (id == null) {
            // A step its condition skipped never started; it is still part of the job's record.
            id = jobs.addStep(state.jobId, result.step().number(), result.step().name());
            state.stepIds.put(result.step().number(), id);
        }
        Conclusion c = conclusion(result.conclusion());
        jobs.completeStep(id, c);
        metrics.stepConcluded(c.name());
    }

    @Override
    public void jobFinished(JobResult result) {
        JobState state = open.get(result.job());
        if (state == null) {
            // A job that never started (skipped, or its needs failed) is recorded as concluded.
            long id = jobs.addJob(runId, result.job().id(), result.job().displayName());
            jobs.completeJob(id, conclusion(result.result()));
            return;
        }
        flush(state);
        jobs.completeJob(state.jobId, conclusion(result.result()));
    }

    private JobState state(JobKey job) {
        return open.computeIfAbsent(job, k -> {
            long id = jobs.addJob(runId, k.id(), k.displayName());
            jobs.startJob(id);
            return new JobState(id);
        });
    }

    private void flush(JobState state) {
        synchronized (state) {
            if (state.buffer.isEmpty()) {
                return;
            }
            logs.append(runId, state.jobId, state.bufferStep, sequence.incrementAndGet(), state.buffer.toString());
            state.buffer.setLength(0);
        }
    }

    private static String render(LogLine line) {
        return switch (line.kind()) {
            case OUTPUT -> line.text();
            case GROUP -> "##[group]" + line.text();
            case ENDGROUP -> "##[endgroup]";
            default -> "##[" + line.kind().name().toLowerCase(java.util.Locale.ROOT) + "]" + line.text();
        };
    }

    static Conclusion conclusion(dev.hearth.engine.Conclusion c) {
        return c == null ? Conclusion.ERROR : Conclusion.valueOf(c.name());
    }
}
