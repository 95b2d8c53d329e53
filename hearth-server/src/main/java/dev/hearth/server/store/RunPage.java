package dev.hearth.server.store;

import java.util.List;

/** One page of a run listing and how many runs match in all. */
public record RunPage(List<Run> runs, long total) {}
