package dev.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth doctor}: which sandbox backends work on this machine, and why the others do not. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Tells which sandbox backends work on this machine, and why the others do not. "
                + "Exit code 0 when the default backend works, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object: the backends, each with its verdict and reason.")
    boolean json;

    private record Verdict(SandboxBackend backend, Availability availability) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Verdict> verdicts = new ArrayList<>();
        for (SandboxBackend b : Backends.all()) {
            Availability a;
            try {
                a = b.availability();
            } catch (RuntimeException e) {
                a = Availability.no("its check failed: " + e.getMessage());
            }
            verdicts.add(new Verdict(b, a));
        }
        String preferred = Backends.preferred().name();
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("default", preferred);
            ArrayNode list = root.putArray("backends");
            for (Verdict v : verdicts) {
                list.addObject().put("name", v.backend().name())
                        .put("isolation", v.backend().info().isolation().name().toLowerCase(java.util.Locale.ROOT))
                        .put("available", v.availability().available())
                        .put("reason", v.availability().reason());
            }
            out.println(root);
        } else {
            int width = verdicts.stream().mapToInt(v -> v.backend().name().length()).max().orElse(4);
            for (Verdict v : verdicts) {
                out.printf("%-" + width + "s  %-9s  %-3s  %s%n", v.backend().name(),
                        v.backend().info().isolation().name().toLowerCase(java.util.Locale.ROOT),
                        v.availability().available() ? "yes" : "no", v.availability().reason());
            }
            out.println("default backend: " + preferred);
        }
        out.flush();
        boolean works = verdicts.stream().anyMatch(v -> v.backend().name().equals(preferred)
                && v.availability().available());
        return works ? 0 : 1;
    }
}
