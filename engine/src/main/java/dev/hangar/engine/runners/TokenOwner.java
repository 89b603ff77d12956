package dev.hangar.engine.runners;

/**
 * The runner a token belongs to, as {@code authenticate_runner.lua} read it: what a claim needs to
 * decide which queues the runner may take from.
 *
 * @param capabilitiesJson the capabilities as stored, parsed by the caller (which remembers the
 *     parse, since runners send the same capabilities on every request)
 */
public record TokenOwner(
    String runnerId,
    boolean draining,
    int capacity,
    String capabilitiesRevision,
    String capabilitiesJson,
    long jobsHeld) {}
