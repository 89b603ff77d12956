package dev.hangar.engine.claims;

/**
 * The runner a claim is for, as far as {@code claim.lua} checks it: its token must still be its own
 * and its capabilities still the revision its eligible classes were matched against.
 */
public record Claimant(String runnerId, String tokenHash, String capabilitiesRevision) {}
