package dev.hearth.server.webhook;

import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The intake alone, in a JVM of its own for {@link IntakeLoad}, so the load client does not share its
 * heap, collector and JIT with the server it measures. Arguments: the SQLite file, the webhook secret
 * and the body limit. It prints {@code port N} once listening, runs until its standard input closes,
 * then prints {@code told N} (deliveries handed on for processing) and exits.
 */
final class IntakeBenchServer {

    private IntakeBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger told = new AtomicInteger();
        try (Database db = Database.open(DatabaseLocation.sqlite(Path.of(args[0])));
                IntakeServer server = new IntakeServer(db,
                        new IntakeSettings(Optional.of(new SignatureVerifier(args[1])), Long.parseLong(args[2])),
                        d -> told.incrementAndGet(), Clock.systemUTC())) {
            System.out.println("port " + server.start("127.0.0.1", 0));
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // the test closes our input when it is done
            }
        }
        System.out.println("told " + told.get());
        System.out.flush();
    }
}
