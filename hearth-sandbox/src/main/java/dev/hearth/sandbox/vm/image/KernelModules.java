package dev.hearth.sandbox.vm.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The modules of one extracted kernel ({@code lib/modules/<release>}): where each is and what it
 * needs first. Dependencies come from each module's own {@code depends=} line, the data depmod would
 * have turned into {@code modules.dep}. A module the kernel has built in ({@code modules.builtin})
 * needs no loading: asking for it (ext4 on Debian's cloud kernel) gives nothing to load.
 */
final class KernelModules {
    private final Path root;
    private final Map<String, Path> byName;
    private final Set<String> builtIn;
    private final Map<String, List<String>> dependsCache = new HashMap<>();

    private KernelModules(Path root, Map<String, Path> byName, Set<String> builtIn) {
        this.root = root;
        this.byName = byName;
        this.builtIn = builtIn;
    }

    /** Indexes the {@code .ko} files under {@code root} (a {@code lib/modules/<release>} folder). */
    static KernelModules index(Path root) throws IOException {
        Map<String, Path> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().endsWith(".ko")).forEach(f -> {
                String file = f.getFileName().toString();
                byName.put(canonical(file.substring(0, file.length() - 3)), root.relativize(f));
            });
        }
        Set<String> builtIn = new HashSet<>();
        Path list = root.resolve("modules.builtin");
        if (Files.isRegularFile(list)) {
            for (String line : Files.readAllLines(list)) {
                String file = line.strip();
                int slash = file.lastIndexOf('/');
                String name = file.substring(slash + 1);
                if (name.endsWith(".ko")) {
                    builtIn.add(canonical(name.substring(0, name.length() - 3)));
                }
            }
        }
        return new KernelModules(root, byName, builtIn);
    }

    /** Whether the kernel has {@code module} built in (and so has no file for it). */
    boolean isBuiltIn(String module) {
        return builtIn.contains(canonical(module)) && !byName.containsKey(canonical(module));
    }

    /** Module names treat '-' and '_' alike, as the kernel does. */
    static String canonical(String name) {
        return name.replace('-', '_');
    }

    /** The module's file, relative to the modules root. */
    Path file(String module) throws IOException {
        Path file = byName.get(canonical(module));
        if (file == null) {
            throw new IOException("the kernel has no module " + module + " (it may be built in, or absent)");
        }
        return file;
    }

    Path root() {
        return root;
    }

    /**
     * {@code module} and everything it needs, each after what it needs: the order to load them in.
     * Built-in modules are left out (empty for a built-in {@code module}).
     */
    List<String> loadOrder(String module) throws IOException {
        Set<String> order = new LinkedHashSet<>();
        visit(canonical(module), order, new LinkedHashSet<>());
        return new ArrayList<>(order);
    }

    private void visit(String module, Set<String> order, Set<String> path) throws IOException {
        if (order.contains(module) || isBuiltIn(module)) {
            return;
        }
        if (!path.add(module)) {
            throw new IOException("module dependencies loop: " + path + " -> " + module);
        }
        for (String dependency : depends(module)) {
            visit(dependency, order, path);
        }
        path.remove(module);
        order.add(module);
    }

    private List<String> depends(String module) throws IOException {
        List<String> known = dependsCache.get(module);
        if (known != null) {
            return known;
        }
        List<String> depends = new ArrayList<>();
        for (String entry : Elf.read(root.resolve(file(module))).modinfo()) {
            if (entry.startsWith("depends=")) {
                for (String name : entry.substring("depends=".length()).split(",")) {
                    if (!name.isBlank()) {
                        depends.add(canonical(name.trim()));
                    }
                }
            }
        }
        dependsCache.put(module, depends);
        return depends;
    }
}
