package dev.hearth.engine;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a run reports, for assertions. */
final class RecordingListener implements RunListener {
    record Logged(JobKey job, StepKey step, LogLine line) {
    }

    final List<Logged> lines = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<JobResult> jobs = new ArrayList<>();

    @Override
    public synchronized void jobStarted(JobKey job) {
        events.add("job-start " + job.displayName());
    }

    @Override
    public synchronized void stepStarted(JobKey job, StepKey step) {
        events.add("step-start " + job.displayName() + " / " + step.name());
    }

    @Override
    public synchronized void log(JobKey job, StepKey step, LogLine line) {
        lines.add(new Logged(job, step, line));
    }

    @Override
    public synchronized void stepFinished(JobKey job, StepResult result) {
        events.add("step-end " + job.displayName() + " / " + result.step().name() + " " + result.conclusion().word());
    }

    @Override
    public synchronized void jobFinished(JobResult result) {
        jobs.add(result);
        events.add("job-end " + result.job().displayName() + " " + result.result().word());
    }

    /** Every output line of a job, in order. */
    synchronized List<String> output(String jobDisplayName) {
        List<String> out = new ArrayList<>();
        for (Logged l : lines) {
            if (l.job().displayName().equals(jobDisplayName) && l.line().kind() == LogLine.Kind.OUTPUT) {
                out.add(l.line().text());
            }
        }
        return out;
    }

    /** Every text the run logged, all kinds. */
    synchronized String allText() {
        StringBuilder b = new StringBuilder();
        for (Logged l : lines) {
            b.append(l.line().kind()).append(' ').append(l.line().text()).append('\n');
        }
        return b.toString();
    }
}
