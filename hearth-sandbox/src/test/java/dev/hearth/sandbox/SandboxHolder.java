package dev.hearth.sandbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JVM that holds sandboxes with processes running in them, for {@link JvmDeathTest}: it makes one
 * sandbox per backend named on its command line, leaves a background {@code sleep <mark>} and a
 * running foreground {@code sleep <mark>} in each, prints {@code ready}, and calls
 * {@code System.exit(0)} when it reads {@code exit} (or end of file) on its stdin.
 *
 * <p>Arguments: the base directory for the sandboxes' host directories, the mark, the backends.
 */
public final class SandboxHolder {
    private SandboxHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        String mark = args[1];
        Map<String, String> path = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String backend : List.of(args).subList(2, args.length)) {
            Sandbox sandbox = Backends.named(backend).create(SandboxSpec.of("holder-" + backend, base.resolve(backend))
                    .withEnv(path));
            ExitStatus background = sandbox.exec(new ExecRequest(
                    List.of("sh", "-c", "sleep " + mark + " > /dev/null 2>&1 &"), Map.of(), sandbox.workRoot(), null),
                    OutputSink.DISCARD);
            if (!background.success()) {
                throw new IllegalStateException("could not start the background sleep: " + background);
            }
            sandbox.start(new ExecRequest(List.of("sleep", mark), Map.of(), sandbox.workRoot(), null), OutputSink.DISCARD);
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.equals("exit"));
        System.exit(0);
    }
}
