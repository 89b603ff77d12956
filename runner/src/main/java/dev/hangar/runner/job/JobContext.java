package dev.hangar.runner.job;

import dev.hangar.runner.api.Retry;
import dev.hangar.runner.api.RunnerApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every job of one runner shares: the server, where workspaces and caches live, how long a
 * cancelled command may take to stop, the runner's environment, and whom to tell when the server no
 * longer accepts the runner's token.
 */
public record JobContext(
    RunnerApi api, Retry retry, Path workRoot, Path cacheDir, Duration cancelGrace, Map<String, String> runnerEnv, Runnable onUnauthorized) {

  public JobContext {
    runnerEnv = Map.copyOf(runnerEnv);
  }

  public String runnerId() {
    return api.runnerId();
  }
}
