package dev.hangar.engine.leases;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code reap.lua}: ends a batch of leases past their deadline. */
@Component
public class ReapScript {

  private static final LuaScript SCRIPT = EngineScripts.load("reap");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReapScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * The leases this batch ended, at most {@code batch}; builds it ends are filed for retention, by
   * their project's {@code retention_days} or else {@code retention}.
   */
  public List<ReleasedLease> run(int batch, int maxAttempts, Duration retention) {
    return ReleasedLease.readAll(
        scripts.run(
            SCRIPT,
            List.of(keys.leases()),
            keys.prefix(),
            batch,
            maxAttempts,
            retention.toMillis()));
  }
}
