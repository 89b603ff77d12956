package dev.hangar.model.runners;

import dev.hangar.model.BuildStatus;

/** Answer to an accepted status update; {@code cancel_requested} tells the runner to stop. */
public record StatusAnswer(String buildId, BuildStatus status, int attempt, long leaseExpiresAt, boolean cancelRequested) {}
