package dev.hearth.engine.action;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js a JavaScript action runs with: the {@code node} on the step's PATH in the sandbox (so a
 * {@code setup-node} step earlier in the job is honoured). GitHub's runner ships node20 and node24 and
 * runs {@code node12} and {@code node16} actions with node20; Hearth runs every {@code nodeNN} with the
 * sandbox's node and says so when the versions differ.
 *
 * @param version what {@code node --version} printed, e.g. {@code v20.20.2}
 * @param major   its major version
 */
record NodeRuntime(String version, int major) {
    private static final Pattern USING = Pattern.compile("node(\\d+)");
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");

    /**
     * The sandbox's node for a step with this env context.
     *
     * @throws CannotRun when there is none, with a message that says so
     */
    static NodeRuntime find(StepHost host, Map<String, String> envContext, String using, String uses)
            throws CannotRun, InterruptedException {
        StepHost.Probe p = host.probe(List.of("node", "--version"), envContext);
        Matcher m = VERSION.matcher(p.stdout().strip());
        if (!p.ok() || !m.lookingAt()) {
            throw new CannotRun("'" + uses + "' is a JavaScript action (runs.using: " + using
                    + ") and needs Node.js, but there is no working 'node' on the sandbox's PATH"
                    + (p.stderr().isBlank() ? "" : " (" + firstLine(p.stderr()) + ")")
                    + ". Install Node.js in the sandbox or add a setup-node step before it.");
        }
        return new NodeRuntime(p.stdout().strip(), Integer.parseInt(m.group(1)));
    }

    /** A warning when the action asks for another Node.js than the one that runs it, else null. */
    String mismatch(String using, String uses) {
        Matcher m = USING.matcher(using);
        if (!m.matches()) {
            return null;
        }
        int wanted = Integer.parseInt(m.group(1));
        if (wanted == major) {
            return null;
        }
        if (wanted < 20) {
            return "'" + uses + "' declares runs.using: " + using + ", which GitHub no longer runs as such (it "
                    + "runs it with node20); Hearth runs it with the sandbox's Node.js " + version + ".";
        }
        return "'" + uses + "' declares runs.using: " + using + "; Hearth runs it with the sandbox's Node.js "
                + version + ".";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
