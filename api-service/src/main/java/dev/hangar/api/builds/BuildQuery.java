package dev.hangar.api.builds;

import dev.hangar.api.web.ApiException;
import dev.hangar.engine.builds.BuildFilter;
import dev.hangar.engine.builds.BuildPosition;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.WireName;
import java.util.EnumSet;
import java.util.Set;

/**
 * The query parameters of {@code GET /v1/builds}, checked: each bad one is {@code
 * invalid_parameter}, naming it.
 */
record BuildQuery(BuildFilter filter, BuildPosition after, int limit) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Whether the project and pipeline filters can both hold: a pipeline of another project. */
  boolean contradicts(String pipelineProjectId) {
    return filter.projectId() != null
        && filter.pipelineId() != null
        && !filter.projectId().equals(pipelineProjectId);
  }

  static BuildQuery of(
      String status,
      String projectId,
      String pipelineId,
      String branch,
      String limit,
      String cursor) {
    BuildFilter filter =
        new BuildFilter(
            statuses(status), blankless(projectId), blankless(pipelineId), blankless(branch));
    BuildPosition after =
        cursor == null || cursor.isEmpty() ? null : BuildCursor.decode(cursor, filter.index());
    return new BuildQuery(filter, after, limit(limit));
  }

  /** One status, or several separated by commas: a build in any of them passes. */
  static Set<BuildStatus> statuses(String status) {
    Set<BuildStatus> statuses = EnumSet.noneOf(BuildStatus.class);
    if (status == null || status.isEmpty()) {
      return statuses;
    }
    for (String wire : status.split(",", -1)) {
      statuses.add(
          WireName.find(BuildStatus.class, wire.strip())
              .orElseThrow(
                  () ->
                      invalid(
                          "status must be one or more of "
                              + WireName.all(BuildStatus.class)
                              + ", separated by commas")));
    }
    return statuses;
  }

  static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // answered below like an out-of-range value
    }
    throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  static ApiException invalid(String detail) {
    return ApiException.badRequest("invalid_parameter", detail);
  }

  private static String blankless(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
