package dev.hearth.engine.commands;

import dev.hearth.engine.LogLine.Source;
import dev.hearth.engine.commands.CommandEffect.AddMask;
import dev.hearth.engine.commands.CommandEffect.Annotate;
import dev.hearth.engine.commands.CommandEffect.Group;
import dev.hearth.engine.commands.CommandEffect.Output;
import dev.hearth.engine.commands.CommandEffect.Print;
import dev.hearth.engine.commands.CommandEffect.SetOutput;
import dev.hearth.engine.mask.SecretMasker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real bash step's output, read in odd-sized chunks from both pipes, through line assembly,
 * commands and masking, as the engine chains them.
 */
class StepOutputTest {

    /** A log as the engine would write it: masked, with the kind of each line. */
    private final List<String> log = new ArrayList<>();
    private final SecretMasker masker = new SecretMasker();
    private final CommandEffects effects = new CommandEffects();
    private final List<String> outputs = new ArrayList<>();

    private void line(Source source, String text) {
        for (CommandEffect effect : effects.line(text)) {
            switch (effect) {
                case AddMask m -> masker.add(m.value());
                case Output o -> log.add(source + " " + masker.mask(o.text()));
                case Print p -> log.add("COMMAND " + masker.mask(p.text()));
                case Group g -> log.add("GROUP " + masker.mask(g.title()));
                case Annotate a -> log.add(a.annotation().level() + " " + masker.mask(a.annotation().message()));
                case SetOutput s -> outputs.add(s.name() + "=" + masker.mask(s.value()));
                default -> log.add(effect.getClass().getSimpleName());
            }
        }
    }

    @Test
    void aBashStepsCommandsAndSecretsComeOutRight() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed on this machine");
        String script = """
                secret='multi-line s3cret
                second-line-of-it'
                nl=$'\\n'
                echo "::add-mask::${secret//$nl/%0A}"
                echo "before: $secret"
                echo "::group::Build é"
                printf 'progress 1\\rprogress 2\\r\\n'
                echo "::warning file=a.sh,line=3::careful with second-line-of-it"
                sleep 0.5  # stdout and stderr are separate pipes: let the add-mask line be read first
                echo "to stderr: second-line-of-it" >&2
                echo "::stop-commands::tok-$$-x"
                echo "::error::not an error"
                echo "::tok-$$-x::"
                echo "::set-output name=answer::42"
                head -c 70000 /dev/zero | tr '\\0' 'a'; echo
                printf 'no newline at the end €'
                """;
        Process p = new ProcessBuilder("/bin/bash", "-c", script).start();
        p.getOutputStream().close();
        LineAssembler lines = new LineAssembler(this::line);
        Thread out = Thread.ofPlatform().start(() -> pump(p.getInputStream(), lines, true, 7));
        Thread err = Thread.ofPlatform().start(() -> pump(p.getErrorStream(), lines, false, 3));
        out.join();
        err.join();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        lines.flush();

        // The 70,000-byte line comes in a 64 KiB piece and the rest.
        List<Integer> longPieces = log.stream().filter(l -> l.startsWith("STDOUT aaa")).map(l -> l.length() - 7).toList();
        assertThat(longPieces).containsExactly(65536, 70000 - 65536);
        log.removeIf(l -> l.startsWith("STDOUT aaa"));

        assertThat(log).contains("STDOUT before: ***", "STDERR to stderr: ***", "STDOUT ***", "GROUP Build é", "STDOUT progress 1",
                "STDOUT progress 2", "WARNING careful with ***", "STDOUT ::error::not an error",
                "WARNING The `set-output` command is deprecated and will be disabled soon. Please upgrade to using "
                        + "Environment Files. For more information see: "
                        + "https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/");
        assertThat(log).noneMatch(l -> l.contains("s3cret") || l.contains("second-line-of-it"));
        assertThat(log).anyMatch(l -> l.startsWith("COMMAND ::stop-commands::***"));
        assertThat(log).anyMatch(l -> l.equals("COMMAND ::***::"));
        assertThat(outputs).containsExactly("answer=42");
        // The unfinished last line comes with the flush.
        assertThat(log.getLast()).isEqualTo("STDOUT no newline at the end €");
    }

    private static void pump(InputStream in, LineAssembler lines, boolean stdout, long seed) {
        Random random = new Random(seed);
        byte[] buffer = new byte[64];
        try (in) {
            int n;
            while ((n = in.read(buffer, 0, 1 + random.nextInt(buffer.length))) > 0) {
                if (stdout) {
                    lines.stdout(buffer, 0, n);
                } else {
                    lines.stderr(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
