package dev.hangar.model.runners;

import dev.hangar.model.BuildStatus;

/**
 * Answer to an accepted status update; {@code cancel_requested} tells the runner to stop. {@code
 * lease_expires_at} is null once the build has finished.
 */
public record StatusAnswer(
    String buildId,
    BuildStatus status,
    int attempt,
    Long leaseExpiresAt,
    boolean cancelRequested) {}
