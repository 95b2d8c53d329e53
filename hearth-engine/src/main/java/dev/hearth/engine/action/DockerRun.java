package dev.hearth.engine.action;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.context.Scope;
import dev.hearth.sandbox.SandboxException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Docker action ({@code runs.using: docker}) or a {@code docker://image} step. It runs only when a
 * docker engine answers inside the sandbox ({@code docker version}); then the image is pulled or built
 * and run with the step's environment, the workspace and RUNNER_TEMP (which holds the command files)
 * mounted at the same paths. Without one the step cannot run here: it fails with a message that says it
 * needs Docker, or goes to the LLM translation when one is configured.
 */
final class DockerRun {
    /**
     * Runs {@code docker run} with every variable of the step's environment passed by name; GitHub's
     * runner passes the same set with {@code -e NAME}. Arguments: image, entrypoint (may be empty), args.
     */
    private static final String RUN = """
            image=$1; entrypoint=$2; shift 2
            envs=()
            for name in $(compgen -e); do
              case $name in PATH|HOME|HOSTNAME|PWD|OLDPWD|SHLVL|_) ;; *) envs+=(-e "$name") ;; esac
            done
            ep=()
            if [ -n "$entrypoint" ]; then ep=(--entrypoint "$entrypoint"); fi
            socket=()
            if [ -S /var/run/docker.sock ]; then socket=(-v /var/run/docker.sock:/var/run/docker.sock); fi
            exec docker run --rm "${envs[@]}" "${socket[@]}" -v "$GITHUB_WORKSPACE:$GITHUB_WORKSPACE" \\
              -v "$RUNNER_TEMP:$RUNNER_TEMP" -w "$GITHUB_WORKSPACE" "${ep[@]}" "$image" "$@"
            """;

    private final StepHost host;
    private final ActionSteps actions;

    DockerRun(StepHost host, ActionSteps actions) {
        this.host = host;
        this.actions = actions;
    }

    /** A {@code docker://image} step: {@code with: args} and {@code with: entrypoint} as GitHub reads them. */
    ProcessOutcome image(Invocation inv, Map<String, String> given) throws InterruptedException {
        try {
            requireDocker(inv);
        } catch (CannotRun e) {
            return actions.fallback(inv, null, given, ActionException.Kind.CANNOT_RUN, e.getMessage());
        }
        String entrypoint = get(given, "entrypoint");
        List<String> args = words(get(given, "args"));
        return runContainer(inv.key(), inv.ref().image(), entrypoint, args, inv, ActionInputs.environment(given), true);
    }

    /** A Docker action read from its action.yml. */
    ProcessOutcome action(Invocation inv, ResolvedAction action, ActionManifest.Docker docker, Map<String, String> inputs)
            throws CannotRun, SandboxException, InterruptedException {
        requireDocker(inv);
        String dir = ActionFiles.place(action, inv.ref(), host.sandbox(), host.paths().workspace());
        Scope scope = inv.scope().with("inputs", inputs);
        String image = docker.image();
        if (!image.startsWith("docker://")) {
            String tag = "hearth-action-" + Integer.toHexString((inv.uses() + action.sha()).hashCode());
            ProcessOutcome built = host.runProgram(inv.key(), List.of("docker", "build", "-t", tag, "-f",
                    dir + "/" + image, dir), inv.envContext(), Map.of(), inv.minutes(), inv.deadline());
            if (built.outcome() != Conclusion.SUCCESS) {
                return built.withMessage("Docker build failed with exit code " + built.exitCode());
            }
            image = tag;
        } else {
            image = image.substring("docker://".length());
        }
        String given = get(inputs, "entryPoint");
        String entrypoint = given != null && !given.isEmpty() ? given : scope.text(docker.entrypoint());
        List<String> args = new ArrayList<>();
        String givenArgs = get(inputs, "args");
        if (givenArgs != null && !givenArgs.isEmpty()) {
            args.addAll(words(givenArgs));
        } else {
            for (String a : docker.args()) {
                args.add(scope.text(a));
            }
        }
        Map<String, String> extra = new LinkedHashMap<>(ActionInputs.environment(inputs));
        docker.env().forEach((k, v) -> extra.put(k, scope.text(v)));
        extra.putAll(ActionSteps.actionEnv(inv.ref(), action, dir));
        if (docker.preEntrypoint() != null) {
            inv.log().warning("The pre-entrypoint of '" + inv.uses() + "' is not run by Hearth.");
        }
        if (docker.postEntrypoint() != null) {
            String finalImage = image;
            actions.registerPost(new ActionSteps.Part(inv.key().id(), "Post " + inv.key().name(),
                    ActionSteps.condition(docker.postIf()), key -> runContainer(key, finalImage, docker.postEntrypoint(), args,
                    inv, extra, false)));
        }
        return runContainer(inv.key(), image, entrypoint, args, inv, extra, true);
    }

    private ProcessOutcome runContainer(StepKey key, String image, String entrypoint, List<String> args,
                                        Invocation inv, Map<String, String> extra, boolean main)
            throws InterruptedException {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", RUN, "hearth-docker", image,
                entrypoint == null ? "" : entrypoint));
        argv.addAll(args);
        return host.runProgram(key, argv, main ? inv.envContext() : ActionSteps.merged(host.globalEnv(), inv.ownEnv()),
                extra, main ? inv.minutes() : 0, main ? inv.deadline() : null);
    }

    private void requireDocker(Invocation inv) throws CannotRun, InterruptedException {
        StepHost.Probe p = host.probe(List.of("docker", "version", "--format", "{{.Server.Version}}"),
                inv.envContext());
        if (!p.ok() || p.stdout().isBlank()) {
            String why = p.exitCode() == -1 || p.stderr().isBlank() ? "there is no 'docker' on its PATH"
                    : "docker says: " + p.stderr().strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                    .orElse("").strip();
            throw new CannotRun("'" + inv.uses() + "' needs Docker: no docker engine answers in the sandbox ("
                    + why + ").");
        }
    }

    private static String get(Map<String, String> inputs, String name) {
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code args} split into words as the runner splits them: on spaces, with double quotes grouping. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(word.toString());
        }
        return out;
    }
}
