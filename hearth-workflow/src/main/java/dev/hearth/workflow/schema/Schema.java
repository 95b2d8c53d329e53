package dev.hearth.workflow.schema;

import dev.hearth.workflow.yaml.YamlLoad;
import dev.hearth.workflow.yaml.YamlLoader;
import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;
import dev.hearth.workflow.yaml.YamlSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The workflow language compiled from {@code workflow-schema.yml}. The resource is read with our own
 * YAML loader, so starting up costs one small parse and no reflection.
 */
public final class Schema {
    private static final String RESOURCE = "/dev/hearth/workflow/schema/workflow-schema.yml";
    private static volatile Schema workflow;

    private final Map<String, TypeDef> types = new HashMap<>();
    private final Map<String, Context> contexts = new HashMap<>();
    private final Set<String> events = new LinkedHashSet<>();
    private int inlineCount;

    private Schema(YamlMapping root) {
        builtins();
        YamlMapping ctx = (YamlMapping) root.get("contexts");
        for (YamlMapping.Entry e : ctx.entries()) {
            Set<String> names = new LinkedHashSet<>();
            Set<String> functions = new LinkedHashSet<>();
            for (YamlNode n : ((YamlSequence) e.value()).items()) {
                String s = ((YamlScalar) n).value().toLowerCase(Locale.ROOT);
                if (s.endsWith("()")) {
                    functions.add(s.substring(0, s.length() - 2));
                } else if (s.endsWith(")") && s.indexOf('(') > 0) {
                    functions.add(s); // name(min,max): the arity here, read by the expression parser
                } else {
                    names.add(s);
                }
            }
            contexts.put(e.key().value(), new Context(e.key().value(), names, functions));
        }
        for (YamlMapping.Entry e : ((YamlMapping) root.get("types")).entries()) {
            types.put(e.key().value(), compile(e.value()));
        }
        if (root.get("events") instanceof YamlMapping events) {
            compileEvents(events);
        }
    }

    /** The workflow language, compiled once per JVM. */
    public static Schema workflow() {
        Schema s = workflow;
        if (s == null) {
            synchronized (Schema.class) {
                s = workflow;
                if (s == null) {
                    workflow = s = load();
                }
            }
        }
        return s;
    }

    private static Schema load() {
        return fromResource(Schema.class, RESOURCE);
    }

    /**
     * Compiles another language written in the same format (contexts and types; {@code events} only
     * where a language has them), e.g. the one of {@code action.yml}. A broken resource is a bug: it
     * fails with an unchecked exception.
     */
    public static Schema fromResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            YamlLoad load = YamlLoader.load(in.readAllBytes());
            if (!load.ok()) {
                throw new IllegalStateException("broken " + resource + ": " + load.problems());
            }
            return new Schema((YamlMapping) load.root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TypeDef type(String name) {
        TypeDef t = types.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown schema type " + name);
        }
        return t;
    }

    /** A named context set, e.g. {@code job-if} or {@code step}. */
    public Context context(String name) {
        Context c = contexts.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown schema context " + name);
        }
        return c;
    }

    /** Every event name {@code on:} accepts. */
    public Set<String> eventNames() {
        return events;
    }

    private void builtins() {
        types.put("string", new TypeDef.Scalar(TypeDef.Scalar.Kind.STRING, false, Set.of(), null));
        types.put("non-empty-string", new TypeDef.Scalar(TypeDef.Scalar.Kind.STRING, true, Set.of(), null));
        types.put("boolean", new TypeDef.Scalar(TypeDef.Scalar.Kind.BOOLEAN, false, Set.of(), null));
        types.put("number", new TypeDef.Scalar(TypeDef.Scalar.Kind.NUMBER, false, Set.of(), null));
        types.put("null", new TypeDef.Scalar(TypeDef.Scalar.Kind.NULL, false, Set.of(), null));
        types.put("any", new TypeDef.Any(null));
    }

    /** A type reference: a name, or an inline type which gets a name of its own. */
    private String ref(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return s.isNull() ? "null" : s.value();
        }
        String name = "#inline" + (++inlineCount);
        types.put(name, compile(node));
        return name;
    }

    private TypeDef compile(YamlNode node) {
        if (node instanceof YamlScalar) {
            return withContext(type(ref(node)), null);
        }
        YamlMapping m = (YamlMapping) node;
        YamlNode c = m.get("context");
        Context context = c == null ? null : context(((YamlScalar) c).value());
        YamlNode v;
        if ((v = m.get("is")) != null) {
            return withContext(type(((YamlScalar) v).value()), context);
        }
        if ((v = m.get("literal")) != null) {
            Set<String> literals = new LinkedHashSet<>();
            for (YamlNode n : ((YamlSequence) v).items()) {
                literals.add(((YamlScalar) n).value());
            }
            return new TypeDef.Scalar(TypeDef.Scalar.Kind.STRING, true, literals, context);
        }
        if ((v = m.get("mapping")) != null) {
            Map<String, TypeDef.Property> props = new LinkedHashMap<>();
            for (YamlMapping.Entry e : ((YamlMapping) v).entries()) {
                String key = e.key().value();
                boolean required = key.endsWith("!");
                props.put(required ? key.substring(0, key.length() - 1) : key,
                        new TypeDef.Property(ref(e.value()), required));
            }
            YamlNode other = m.get("other");
            return new TypeDef.Mapping(props, other == null ? null : ref(other), context);
        }
        if ((v = m.get("entries")) != null) {
            return new TypeDef.Mapping(Map.of(), ref(v), context);
        }
        if ((v = m.get("sequence")) != null) {
            return new TypeDef.Sequence(ref(v), context);
        }
        if ((v = m.get("one-of")) != null) {
            List<String> alternatives = new ArrayList<>();
            for (YamlNode n : ((YamlSequence) v).items()) {
                alternatives.add(ref(n));
            }
            return new TypeDef.OneOf(alternatives, context);
        }
        throw new IllegalStateException("schema: cannot read type at line " + node.line());
    }

    private static TypeDef withContext(TypeDef t, Context c) {
        if (c == null) {
            return t;
        }
        return switch (t) {
            case TypeDef.Scalar s -> new TypeDef.Scalar(s.kind(), s.nonEmpty(), s.literals(), c);
            case TypeDef.Any a -> new TypeDef.Any(c);
            case TypeDef.Sequence s -> new TypeDef.Sequence(s.item(), c);
            case TypeDef.Mapping m -> new TypeDef.Mapping(m.properties(), m.other(), c);
            case TypeDef.OneOf o -> new TypeDef.OneOf(o.alternatives(), c);
        };
    }

    private void compileEvents(YamlMapping eventsNode) {
        Map<String, TypeDef.Property> props = new LinkedHashMap<>();
        for (YamlMapping.Entry e : eventsNode.entries()) {
            String event = e.key().value();
            events.add(event);
            YamlMapping spec = (YamlMapping) e.value();
            String type;
            if (spec.get("shape") != null) {
                type = ((YamlScalar) spec.get("shape")).value();
            } else if (spec.entries().isEmpty()) {
                type = "null";
            } else {
                Map<String, TypeDef.Property> eventProps = new LinkedHashMap<>();
                YamlNode typesNode = spec.get("types");
                if (typesNode instanceof YamlSequence seq) {
                    Set<String> literals = new LinkedHashSet<>();
                    for (YamlNode n : seq.items()) {
                        literals.add(((YamlScalar) n).value());
                    }
                    String one = "#event-type-" + event;
                    types.put(one, new TypeDef.Scalar(TypeDef.Scalar.Kind.STRING, true, literals, null));
                    String many = "#event-types-" + event;
                    types.put(many, new TypeDef.Sequence(one, null));
                    String either = "#event-activity-" + event;
                    types.put(either, new TypeDef.OneOf(List.of(one, many), null));
                    eventProps.put("types", new TypeDef.Property(either, false));
                } else if (typesNode != null) {
                    eventProps.put("types", new TypeDef.Property("strings", false));
                }
                YamlNode filters = spec.get("filters");
                if (filters != null) {
                    for (YamlNode n : ((YamlSequence) filters).items()) {
                        eventProps.put(((YamlScalar) n).value(), new TypeDef.Property("strings", false));
                    }
                }
                String mapping = "#event-mapping-" + event;
                types.put(mapping, new TypeDef.Mapping(eventProps, null, null));
                type = "#event-" + event;
                types.put(type, new TypeDef.OneOf(List.of("null", mapping), null));
            }
            props.put(event, new TypeDef.Property(type, false));
        }
        types.put("events", new TypeDef.Mapping(props, null, null));
        types.put("event-name", new TypeDef.Scalar(TypeDef.Scalar.Kind.STRING, true, Set.copyOf(events), null));
    }
}
