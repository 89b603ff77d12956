package dev.hangar.engine.runners;

import dev.hangar.engine.leases.ReleasedLease;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code delete_runner.lua}: revokes a runner's token and releases every job it holds at once, as
 * if its leases had expired.
 */
@Component
public class DeleteRunnerScript {

  private static final LuaScript SCRIPT = EngineScripts.load("delete_runner");

  private final ScriptRunner scripts;
  private final Keys keys;

  public DeleteRunnerScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * The leases released, or empty when there is no such runner; builds it ends are filed for
   * retention, by their project's {@code retention_days} or else {@code retention}.
   */
  public Optional<List<ReleasedLease>> run(String runnerId, int maxAttempts, Duration retention) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.runner(runnerId), keys.runnerJobs(runnerId), keys.runners()),
            keys.prefix(),
            runnerId,
            maxAttempts,
            retention.toMillis());
    return reply.isNil() ? Optional.empty() : Optional.of(ReleasedLease.readAll(reply));
  }
}
