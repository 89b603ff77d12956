package dev.hangar.engine.builds;

/**
 * A place in one of the build indexes: the score and id of the last entry a page looked at. The
 * next page starts just after it, so builds filed later (higher scores) never reach a later page,
 * and none is skipped or seen twice.
 */
public record BuildPosition(BuildIndexKind index, long score, String buildId) {}
