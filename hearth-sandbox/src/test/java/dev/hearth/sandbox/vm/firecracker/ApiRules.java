package dev.hearth.sandbox.vm.firecracker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request bodies of the Firecracker API calls Hearth makes, written down by hand from Firecracker's
 * published API description (swagger 2.0, {@code firecracker.yaml}): each definition's required fields,
 * field types, enums and bounds. Unknown fields are refused, as Firecracker's request parsing does
 * (its bodies are deserialized with unknown fields denied). {@link FirecrackerSpecTest} holds this copy
 * to the description when it is at hand.
 */
final class ApiRules {
    enum Type { STRING, BOOLEAN, INTEGER, OBJECT, ARRAY }

    /**
     * One property.
     *
     * @param nested for an object (or an array's items) with a definition of its own: that definition;
     *               null when its inside is not checked here (a rate limiter, which Hearth never sends)
     */
    record Field(String name, Type type, Set<String> enumValues, Long minimum, Long maximum, String nested) {
        static Field of(String name, Type type) {
            return new Field(name, type, Set.of(), null, null, null);
        }

        Field oneOf(String... values) {
            return new Field(name, type, Set.of(values), minimum, maximum, nested);
        }

        Field between(Long min, Long max) {
            return new Field(name, type, enumValues, min, max, nested);
        }

        Field ref(String definition) {
            return new Field(name, type, enumValues, minimum, maximum, definition);
        }
    }

    /** A definition: its required fields and all its fields. */
    record Definition(String name, Set<String> required, Map<String, Field> fields) {
    }

    static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    private static void define(String name, Set<String> required, Field... fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : fields) {
            byName.put(f.name(), f);
        }
        DEFINITIONS.put(name, new Definition(name, required, byName));
    }

    static {
        define("BootSource", Set.of("kernel_image_path"),
                Field.of("boot_args", Type.STRING), Field.of("initrd_path", Type.STRING),
                Field.of("kernel_image_path", Type.STRING));
        define("Drive", Set.of("drive_id", "is_root_device"),
                Field.of("drive_id", Type.STRING), Field.of("partuuid", Type.STRING),
                Field.of("is_root_device", Type.BOOLEAN),
                Field.of("cache_type", Type.STRING).oneOf("Unsafe", "Writeback"),
                Field.of("is_read_only", Type.BOOLEAN), Field.of("path_on_host", Type.STRING),
                Field.of("rate_limiter", Type.OBJECT),
                Field.of("io_engine", Type.STRING).oneOf("Sync", "Async"),
                Field.of("socket", Type.STRING));
        define("MachineConfiguration", Set.of("mem_size_mib", "vcpu_count"),
                Field.of("cpu_template", Type.STRING).oneOf("C3", "T2", "T2S", "T2CL", "T2A", "V1N1", "None"),
                Field.of("smt", Type.BOOLEAN), Field.of("mem_size_mib", Type.INTEGER),
                Field.of("track_dirty_pages", Type.BOOLEAN),
                Field.of("vcpu_count", Type.INTEGER).between(1L, 32L),
                Field.of("huge_pages", Type.STRING).oneOf("None", "Transparent", "2M"));
        define("Vsock", Set.of("guest_cid", "uds_path"),
                Field.of("guest_cid", Type.INTEGER).between(3L, null), Field.of("uds_path", Type.STRING),
                Field.of("vsock_id", Type.STRING));
        define("InstanceActionInfo", Set.of("action_type"),
                Field.of("action_type", Type.STRING).oneOf("FlushMetrics", "InstanceStart", "SendCtrlAltDel"));
        define("Vm", Set.of("state"), Field.of("state", Type.STRING).oneOf("Paused", "Resumed"));
        define("SnapshotCreateParams", Set.of("mem_file_path", "snapshot_path"),
                Field.of("mem_file_path", Type.STRING), Field.of("snapshot_path", Type.STRING),
                Field.of("snapshot_type", Type.STRING).oneOf("Full", "Diff"));
        define("MemoryBackend", Set.of("backend_type", "backend_path"),
                Field.of("backend_type", Type.STRING).oneOf("File", "Uffd"), Field.of("backend_path", Type.STRING));
        define("NetworkOverride", Set.of("iface_id", "host_dev_name"),
                Field.of("iface_id", Type.STRING), Field.of("host_dev_name", Type.STRING));
        define("VsockOverride", Set.of("uds_path"), Field.of("uds_path", Type.STRING));
        define("SnapshotLoadParams", Set.of("snapshot_path"),
                Field.of("enable_diff_snapshots", Type.BOOLEAN), Field.of("track_dirty_pages", Type.BOOLEAN),
                Field.of("mem_file_path", Type.STRING), Field.of("mem_backend", Type.OBJECT).ref("MemoryBackend"),
                Field.of("snapshot_path", Type.STRING), Field.of("resume_vm", Type.BOOLEAN),
                Field.of("network_overrides", Type.ARRAY).ref("NetworkOverride"),
                Field.of("vsock_override", Type.OBJECT).ref("VsockOverride"),
                Field.of("clock_realtime", Type.BOOLEAN),
                Field.of("huge_pages", Type.STRING).oneOf("Snapshot", "None", "Transparent", "2M"));
    }

    /** The endpoints Hearth calls: method and path pattern to the body's definition. */
    static final Map<String, String> ENDPOINTS = Map.of(
            "PUT /boot-source", "BootSource",
            "PUT /drives/{drive_id}", "Drive",
            "PUT /machine-config", "MachineConfiguration",
            "PUT /vsock", "Vsock",
            "PUT /actions", "InstanceActionInfo",
            "PATCH /vm", "Vm",
            "PUT /snapshot/create", "SnapshotCreateParams",
            "PUT /snapshot/load", "SnapshotLoadParams");

    /** The endpoint a request is for, as written in {@link #ENDPOINTS}, or null. */
    static String endpoint(String method, String path) {
        String key = method + " " + (path.matches("/drives/[^/]+") ? "/drives/{drive_id}" : path);
        return ENDPOINTS.containsKey(key) ? key : null;
    }

    private ApiRules() {
    }

    /** What is wrong with a body for a definition; empty when nothing. */
    static List<String> check(String definition, JsonNode body) {
        List<String> problems = new ArrayList<>();
        check(DEFINITIONS.get(definition), body, "", problems);
        return problems;
    }

    private static void check(Definition def, JsonNode body, String at, List<String> problems) {
        if (body == null || !body.isObject()) {
            problems.add(at + "not a JSON object (" + def.name() + ")");
            return;
        }
        for (String r : def.required()) {
            if (!body.has(r) || body.get(r).isNull()) {
                problems.add("missing field `" + at + r + "` (" + def.name() + ")");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Field f = def.fields().get(e.getKey());
            if (f == null) {
                problems.add("unknown field `" + at + e.getKey() + "`, expected one of " + def.fields().keySet());
                continue;
            }
            checkValue(f, e.getValue(), at + e.getKey(), problems);
        }
    }

    private static void checkValue(Field f, JsonNode v, String at, List<String> problems) {
        boolean typed = switch (f.type()) {
            case STRING -> v.isTextual();
            case BOOLEAN -> v.isBoolean();
            case INTEGER -> v.isIntegralNumber();
            case OBJECT -> v.isObject();
            case ARRAY -> v.isArray();
        };
        if (!typed) {
            problems.add("`" + at + "` must be " + f.type().name().toLowerCase() + ", not " + v);
            return;
        }
        if (!f.enumValues().isEmpty() && !f.enumValues().contains(v.asText())) {
            problems.add("`" + at + "` is " + v + ", not one of " + f.enumValues());
        }
        if (f.minimum() != null && v.asLong() < f.minimum() || f.maximum() != null && v.asLong() > f.maximum()) {
            problems.add("`" + at + "` = " + v + " is out of [" + f.minimum() + ", " + f.maximum() + "]");
        }
        if (f.nested() != null) {
            Definition nested = DEFINITIONS.get(f.nested());
            if (f.type() == Type.ARRAY) {
                for (JsonNode item : v) {
                    check(nested, item, at + "[].", problems);
                }
            } else {
                check(nested, v, at + ".", problems);
            }
        }
    }
}
