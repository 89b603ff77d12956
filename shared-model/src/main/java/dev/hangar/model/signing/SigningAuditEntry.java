package dev.hangar.model.signing;

/**
 * One event of a pipeline's signing trail: {@code uploaded}, {@code deleted} (by a user) or {@code
 * released} (to a runner, for a job and attempt), with when and from which address. {@code address}
 * is the connection's peer; {@code forwarded_for} is the X-Forwarded-For header as it arrived (set
 * by the compose proxy), recorded beside it rather than trusted in its place, since any client can
 * send one.
 */
public record SigningAuditEntry(
    String action,
    String kind,
    String userId,
    String runnerId,
    String jobId,
    Integer attempt,
    long at,
    String address,
    String forwardedFor) {}
