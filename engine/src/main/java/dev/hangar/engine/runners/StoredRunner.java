package dev.hangar.engine.runners;

import java.util.List;

/**
 * A runner as {@code read_runners.lua} read it: its hash and the ids of the jobs it holds.
 *
 * @param capabilitiesJson the capabilities as stored, parsed by the caller (which remembers the
 *     parse)
 * @param jobs the ids of the jobs the runner holds, sorted
 */
public record StoredRunner(
    String id,
    String name,
    String capabilitiesJson,
    boolean draining,
    String registeredBy,
    long lastContactAtMillis,
    long createdAtMillis,
    long updatedAtMillis,
    List<String> jobs) {}
