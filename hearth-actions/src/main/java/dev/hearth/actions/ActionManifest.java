package dev.hearth.actions;

import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.Step;

import java.util.List;
import java.util.Map;

/**
 * An action's {@code action.yml} (or {@code action.yaml}), read.
 *
 * @param name        the action's name
 * @param description its description, or null
 * @param inputs      inputs in file order
 * @param outputs     outputs in file order
 * @param runs        how it runs
 * @param file        the manifest file's name ({@code action.yml} or {@code action.yaml}), for messages
 */
public record ActionManifest(String name, String description, Map<String, Input> inputs,
                             Map<String, Output> outputs, Runs runs, String file) {

    public ActionManifest {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    /**
     * One input.
     *
     * @param defaultValue the default as written (may hold {@code ${{ }}} expressions), or null
     * @param deprecationMessage shown as a warning when the input is given, or null
     */
    public record Input(String description, boolean required, String defaultValue, String deprecationMessage) {
    }

    /**
     * One output.
     *
     * @param value for composite actions, the expression giving the value (e.g.
     *              {@code ${{ steps.x.outputs.y }}}); null for JavaScript and Docker actions
     */
    public record Output(String description, String value) {
    }

    /** How the action runs: {@code runs.using}. */
    public sealed interface Runs permits Composite, Node, Docker {
        /** {@code runs.using} as written, e.g. {@code composite}, {@code node20}, {@code docker}. */
        String using();
    }

    /** {@code using: composite}: steps run in the caller's job, as the workflow model reads them. */
    public record Composite(List<Step> steps, Position position) implements Runs {
        public Composite {
            steps = List.copyOf(steps);
        }

        @Override
        public String using() {
            return "composite";
        }
    }

    /**
     * {@code using: nodeNN}: JavaScript run with Node.js.
     *
     * @param using  as written, e.g. {@code node20}
     * @param main   the entry point, relative to the action folder
     * @param pre    run before the job's first step (in the action's order), or null
     * @param preIf  condition for {@code pre}, default {@code always()}
     * @param post   run after the job's steps, in reverse order, or null
     * @param postIf condition for {@code post}, default {@code always()}
     */
    public record Node(String using, String main, String pre, String preIf, String post, String postIf)
            implements Runs {
    }

    /**
     * {@code using: docker}.
     *
     * @param image  {@code Dockerfile} (or a path to one) or {@code docker://image}
     * @param preIf  condition for {@code preEntrypoint}, default {@code always()}
     * @param postIf condition for {@code postEntrypoint}, default {@code always()}
     */
    public record Docker(String image, String entrypoint, List<String> args, Map<String, String> env,
                         String preEntrypoint, String postEntrypoint, String preIf, String postIf) implements Runs {
        public Docker {
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
            preIf = preIf == null ? "always()" : preIf;
            postIf = postIf == null ? "always()" : postIf;
        }

        /** Without {@code pre-if}/{@code post-if}: both {@code always()}. */
        public Docker(String image, String entrypoint, List<String> args, Map<String, String> env,
                      String preEntrypoint, String postEntrypoint) {
            this(image, entrypoint, args, env, preEntrypoint, postEntrypoint, null, null);
        }

        @Override
        public String using() {
            return "docker";
        }
    }
}
