package dev.tollgate.model.api;

import java.util.List;

/**
 * Difference between two revisions: a unified diff of their YAML plus the ids of what changed.
 */
public record ConfigDiff(
        long fromRevision, long toRevision, String unifiedDiff,
        List<String> routesAdded, List<String> routesRemoved, List<String> routesChanged,
        List<String> upstreamsAdded, List<String> upstreamsRemoved, List<String> upstreamsChanged) {}
