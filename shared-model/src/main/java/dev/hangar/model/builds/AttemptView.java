package dev.hangar.model.builds;

/**
 * One attempt of a build: who held it and how it ended ({@code succeeded}, {@code failed}, {@code
 * cancelled}, {@code lease_expired}, {@code runner_deleted}; null while it runs).
 */
public record AttemptView(
    int attempt, String runnerId, long claimedAt, Long endedAt, String outcome) {}
