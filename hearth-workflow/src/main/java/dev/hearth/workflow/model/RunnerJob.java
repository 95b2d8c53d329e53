package dev.hearth.workflow.model;

import java.util.List;
import java.util.Map;

/**
 * A job that runs steps on a runner.
 *
 * @param timeoutMinutes  Double, an expression String, or null
 * @param continueOnError Boolean, an expression String, or null
 */
public record RunnerJob(String id, String name, List<String> needs, String condition, RunsOn runsOn,
                        Environment environment, Map<String, String> outputs, Map<String, String> env,
                        Defaults defaults, Object timeoutMinutes, Object continueOnError, Strategy strategy,
                        Container container, Map<String, Container> services, Permissions permissions,
                        Concurrency concurrency, List<Step> steps, Position position) implements Job {
    public RunnerJob {
        needs = List.copyOf(needs);
        outputs = Ordered.copy(outputs);
        env = Ordered.copy(env);
        services = Ordered.copy(services);
        steps = List.copyOf(steps);
    }
}
