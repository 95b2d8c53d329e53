package dev.hearth.sandbox.vm.firecracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Holds the hand-written {@link ApiRules} to Firecracker's published API description, when a copy is
 * at hand ({@code /work/shared/specs/firecracker-api.yaml}, or {@code ../shared/specs/} beside the
 * project): the same endpoints and body definitions, and for each definition the same required
 * fields, fields, types, enums and bounds.
 */
class FirecrackerSpecTest {
    private static Map<String, Object> spec;

    @BeforeAll
    static void load() throws IOException {
        Optional<Path> file = specFile();
        assumeTrue(file.isPresent(), "Firecracker's API description (firecracker-api.yaml) is not at "
                + "/work/shared/specs or ../shared/specs beside the project");
        try (InputStream in = Files.newInputStream(file.get())) {
            spec = map(new Load(LoadSettings.builder().build()).loadFromInputStream(in));
        }
    }

    private static Optional<Path> specFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                Path beside = dir.resolveSibling("shared").resolve("specs").resolve("firecracker-api.yaml");
                if (Files.isRegularFile(beside)) {
                    return Optional.of(beside);
                }
            }
        }
        Path shared = Path.of("/work/shared/specs/firecracker-api.yaml");
        return Files.isRegularFile(shared) ? Optional.of(shared) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> definition(String name) {
        Map<String, Object> def = map(map(spec.get("definitions")).get(name));
        assertThat(def).as("definition " + name).isNotNull();
        return def;
    }

    private static String refName(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        return ref == null ? null : ref.toString().substring("#/definitions/".length());
    }

    @Test
    void theEndpointsTakeTheBodiesTheRulesCheck() {
        Map<String, Object> paths = map(spec.get("paths"));
        ApiRules.ENDPOINTS.forEach((endpoint, definition) -> {
            String[] parts = endpoint.split(" ");
            Map<String, Object> path = map(paths.get(parts[1]));
            assertThat(path).as(parts[1]).isNotNull();
            Map<String, Object> operation = map(path.get(parts[0].toLowerCase(Locale.ROOT)));
            assertThat(operation).as(endpoint).isNotNull();
            List<Object> parameters = (List<Object>) operation.get("parameters");
            Map<String, Object> body = parameters.stream().map(FirecrackerSpecTest::map)
                    .filter(p -> "body".equals(p.get("in"))).findFirst().orElseThrow();
            assertThat(refName(map(body.get("schema")))).as(endpoint).isEqualTo(definition);
        });
    }

    @Test
    void theDefinitionsMatchTheDescription() {
        Set<String> checked = new HashSet<>();
        for (ApiRules.Definition ours : ApiRules.DEFINITIONS.values()) {
            Map<String, Object> theirs = definition(ours.name());
            Object required = theirs.get("required");
            assertThat(new TreeSet<>(required == null ? List.of() : (List<String>) required))
                    .as("required fields of " + ours.name()).isEqualTo(new TreeSet<>(ours.required()));
            Map<String, Object> properties = map(theirs.get("properties"));
            assertThat(new TreeSet<>(properties.keySet())).as("fields of " + ours.name())
                    .isEqualTo(new TreeSet<>(ours.fields().keySet()));
            for (ApiRules.Field field : ours.fields().values()) {
                checkField(ours.name() + "." + field.name(), field, map(properties.get(field.name())));
                checked.add(ours.name() + "." + field.name());
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
    }

    private static void checkField(String at, ApiRules.Field field, Map<String, Object> schema) {
        Map<String, Object> resolved = schema;
        String ref = refName(schema);
        if (ref != null) {
            resolved = definition(ref);
        }
        String type = resolved.get("type") == null ? "object" : resolved.get("type").toString();
        assertThat(type).as("type of " + at).isEqualTo(field.type().name().toLowerCase(Locale.ROOT));
        Object values = resolved.get("enum");
        Set<String> theirEnum = new TreeSet<>();
        if (values != null) {
            ((List<Object>) values).forEach(v -> theirEnum.add(v.toString()));
        }
        assertThat(theirEnum).as("values of " + at).isEqualTo(new TreeSet<>(field.enumValues()));
        assertThat(number(schema.get("minimum"))).as("minimum of " + at).isEqualTo(field.minimum());
        assertThat(number(schema.get("maximum"))).as("maximum of " + at).isEqualTo(field.maximum());
        if (field.nested() != null) {
            String nested = field.type() == ApiRules.Type.ARRAY ? refName(map(schema.get("items"))) : ref;
            assertThat(nested).as("definition of " + at).isEqualTo(field.nested());
        }
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
