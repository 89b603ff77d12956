package dev.hangar.runner.job;

import dev.hangar.runner.api.Retry;
import dev.hangar.runner.api.RunnerApi;
import dev.hangar.runner.output.OutputSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What every job of one runner shares: the server, where workspaces and caches live, how long a
 * cancelled command may take to stop, the runner's environment, where a build's output goes on this
 * machine (by build id: the runner's log; {@link JobRun} also ships it to the server's live log),
 * and whom to tell when the server no longer accepts the runner's token.
 */
public record JobContext(
    RunnerApi api,
    Retry retry,
    Path workRoot,
    Path cacheDir,
    Duration cancelGrace,
    Map<String, String> runnerEnv,
    Function<String, OutputSink> outputFor,
    Runnable onUnauthorized) {

  public JobContext {
    runnerEnv = Map.copyOf(runnerEnv);
  }

  public String runnerId() {
    return api.runnerId();
  }
}
