package dev.hangar.model.signing;

/**
 * One event of a pipeline's signing trail: {@code uploaded}, {@code deleted} (by a user) or
 * {@code released} (to a runner, for a job and attempt), with when and from which address.
 */
public record SigningAuditEntry(
    String action, String kind, String userId, String runnerId, String jobId, Integer attempt, long at, String address) {}
