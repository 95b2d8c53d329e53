package dev.hearth.cli;

import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.validate.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearth validate}: reads workflow files as GitHub does and reports every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks workflow files as GitHub does. Exit code 0: all valid, 1: some invalid, 2: usage error.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per file, one per line.")
    boolean json;

    @Mixin
    ReadFlags read;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Workflow files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("hearth validate: no such file: " + f);
                err.flush();
                return 2;
            }
        }
        int invalid = 0;
        int problems = 0;
        for (Path f : files) {
            ReadResult result;
            try {
                result = WorkflowReader.read(f, read.forFile(f));
            } catch (IOException e) {
                err.println("hearth validate: cannot read " + f + ": " + e.getMessage());
                err.flush();
                return 2;
            }
            if (!result.valid()) {
                invalid++;
                problems += result.problems().size();
            }
            if (json) {
                out.println(ValidationJson.of(result));
            } else {
                human(out, result);
            }
        }
        if (!json) {
            out.printf("%d file%s checked: %d valid, %d invalid (%d problem%s)%n", files.size(),
                    files.size() == 1 ? "" : "s", files.size() - invalid, invalid, problems, problems == 1 ? "" : "s");
        }
        out.flush();
        return invalid == 0 ? 0 : 1;
    }

    private static void human(PrintWriter out, ReadResult result) {
        for (Problem p : result.problems()) {
            out.printf("%s:%d:%d: error: %s%n    hint: %s%n", p.file(), p.line(), p.column(), p.message(), p.hint());
        }
        for (Problem p : result.warnings()) {
            out.printf("%s:%d:%d: warning: %s%n", p.file(), p.line(), p.column(), p.message());
        }
        for (String call : result.unresolved()) {
            out.printf("note: reusable workflow %s was not found; it was not checked%n", call);
        }
    }
}
