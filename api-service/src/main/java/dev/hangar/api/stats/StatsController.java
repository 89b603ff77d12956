package dev.hangar.api.stats;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.engine.builds.BuildCounts;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.engine.stats.ReadStatsScript;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.stats.StatsView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hangar's activity for a person: everything it reads is shared in Redis, kept up by the scripts
 * that move builds, so any instance answers the same and no build is scanned.
 */
@RestController
class StatsController {

  private final BuildCounts builds;
  private final ReadStatsScript activity;
  private final RunnerStore runners;

  StatsController(BuildCounts builds, ReadStatsScript activity, RunnerStore runners) {
    this.builds = builds;
    this.activity = activity;
    this.runners = runners;
  }

  @ApiContract(
      summary = "Builds and runners by status, claims and requeues of the last minute and hour",
      access = Access.USER)
  @GetMapping("/v1/stats")
  StatsView stats(User user) {
    Map<String, Long> byBuildStatus = new LinkedHashMap<>();
    builds.byStatus().forEach((status, count) -> byBuildStatus.put(status.wire(), count));
    Map<String, Long> byRunnerStatus = new LinkedHashMap<>();
    for (RunnerStatus status : RunnerStatus.values()) {
      byRunnerStatus.put(status.wire(), 0L);
    }
    for (RunnerView runner : runners.list()) {
      byRunnerStatus.merge(runner.status().wire(), 1L, Long::sum);
    }
    ReadStatsScript.Activity recent = activity.run();
    return new StatsView(byBuildStatus, recent.claims(), recent.requeues(), byRunnerStatus);
  }
}
