package dev.hearth.workflow.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A workflow's jobs ordered by {@code needs}. A job's level is 0 when it needs nothing and otherwise
 * one more than the highest level among its needs; jobs of one level may run together. Within a level,
 * and in {@link #order()}, jobs keep their order in the file. Ids compare case-insensitively but are
 * reported as written in the job's own key.
 */
public final class JobGraph {

    private final List<String> ids;                // file order, as written
    private final Map<String, Integer> indexByKey; // lower-cased id -> index
    private final int[][] needs;                   // resolved indexes
    private final int[][] dependents;              // direct dependents, file order
    private final int[] level;
    private final List<List<String>> levels;
    private final List<String> order;

    private JobGraph(List<String> ids, Map<String, Integer> indexByKey, int[][] needs, int[][] dependents,
                     int[] level) {
        this.ids = ids;
        this.indexByKey = indexByKey;
        this.needs = needs;
        this.dependents = dependents;
        this.level = level;
        int max = -1;
        for (int l : level) {
            max = Math.max(max, l);
        }
        List<List<String>> byLevel = new ArrayList<>();
        for (int l = 0; l <= max; l++) {
            byLevel.add(new ArrayList<>());
        }
        for (int i = 0; i < ids.size(); i++) {
            byLevel.get(level[i]).add(ids.get(i));
        }
        List<String> flat = new ArrayList<>(ids.size());
        List<List<String>> frozen = new ArrayList<>(byLevel.size());
        for (List<String> l : byLevel) {
            flat.addAll(l);
            frozen.add(List.copyOf(l));
        }
        this.levels = List.copyOf(frozen);
        this.order = List.copyOf(flat);
    }

    /**
     * Builds the graph.
     *
     * @param jobNeeds each job id, in file order, with the ids it needs as written
     * @throws JobGraphException naming every unknown or duplicate id, or one cycle
     */
    public static JobGraph of(Map<String, ? extends List<String>> jobNeeds) {
        List<String> ids = List.copyOf(jobNeeds.keySet());
        int n = ids.size();
        Map<String, Integer> indexByKey = HashMap.newHashMap(n);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer earlier = indexByKey.putIfAbsent(key(ids.get(i)), i);
            if (earlier != null) {
                problems.add("job ids '" + ids.get(earlier) + "' and '" + ids.get(i)
                        + "' differ only in case, but job ids are case-insensitive");
            }
        }
        int[][] needs = new int[n][];
        int[] indegree = new int[n];
        List<List<Integer>> dependentLists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependentLists.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            List<String> written = jobNeeds.get(ids.get(i));
            Set<Integer> resolved = new LinkedHashSet<>();
            for (String need : written == null ? List.<String>of() : written) {
                Integer j = indexByKey.get(key(need));
                if (j == null) {
                    problems.add("job '" + ids.get(i) + "' needs '" + need + "', which is not a job of this workflow");
                } else {
                    resolved.add(j);
                }
            }
            needs[i] = resolved.stream().mapToInt(Integer::intValue).toArray();
            indegree[i] = needs[i].length;
            for (int j : needs[i]) {
                dependentLists.get(j).add(i);
            }
        }
        if (!problems.isEmpty()) {
            throw new JobGraphException(problems);
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = dependentLists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }

        int[] level = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            done++;
            for (int d : dependents[i]) {
                level[d] = Math.max(level[d], level[i] + 1);
                if (--indegree[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (done < n) {
            throw new JobGraphException(List.of(describeCycle(ids, needs, indegree)));
        }
        return new JobGraph(ids, indexByKey, needs, dependents, level);
    }

    /** Follows needs among the jobs left over by the topological sort until one repeats. */
    private static String describeCycle(List<String> ids, int[][] needs, int[] indegree) {
        int start = 0;
        while (indegree[start] == 0) {
            start++;
        }
        Map<Integer, Integer> seenAt = new LinkedHashMap<>();
        List<Integer> path = new ArrayList<>();
        int current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            int next = -1;
            for (int j : needs[current]) {
                if (indegree[j] > 0) { // still unsorted, so on or leading into a cycle
                    next = j;
                    break;
                }
            }
            current = next;
        }
        StringBuilder cycle = new StringBuilder();
        for (int k = seenAt.get(current); k < path.size(); k++) {
            cycle.append('\'').append(ids.get(path.get(k))).append("' needs ");
        }
        cycle.append('\'').append(ids.get(current)).append('\'');
        return "the jobs' needs form a cycle: " + cycle;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** All job ids in an order that respects needs: level by level, file order within a level. */
    public List<String> order() {
        return order;
    }

    /** The jobs of each level, level 0 first. */
    public List<List<String>> levels() {
        return levels;
    }

    /** Whether a job of that id (any case) exists. */
    public boolean contains(String id) {
        return indexByKey.containsKey(key(id));
    }

    /** A job's id as written in its key. */
    public String canonical(String id) {
        return ids.get(index(id));
    }

    /** A job's level: 0 when it needs nothing. */
    public int level(String id) {
        return level[index(id)];
    }

    /** The jobs a job needs directly, as written in their keys, without duplicates. */
    public List<String> needs(String id) {
        return names(needs[index(id)]);
    }

    /** The jobs that need this one, directly or through others, in {@link #order()}. */
    public List<String> dependents(String id) {
        boolean[] seen = new boolean[ids.size()];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(index(id));
        while (!todo.isEmpty()) {
            for (int d : dependents[todo.poll()]) {
                if (!seen[d]) {
                    seen[d] = true;
                    todo.add(d);
                }
            }
        }
        List<String> result = new ArrayList<>();
        for (String job : order) {
            if (seen[indexByKey.get(key(job))]) {
                result.add(job);
            }
        }
        return Collections.unmodifiableList(result);
    }

    private List<String> names(int[] indexes) {
        List<String> out = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            out.add(ids.get(i));
        }
        return List.copyOf(out);
    }

    private int index(String id) {
        Integer i = indexByKey.get(key(id));
        if (i == null) {
            throw new IllegalArgumentException("no job '" + id + "' in this workflow");
        }
        return i;
    }
}
