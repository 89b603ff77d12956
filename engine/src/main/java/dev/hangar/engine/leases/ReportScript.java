package dev.hangar.engine.leases;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.runners.StatusUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code report.lua}: applies a runner's status update if the runner holds the build's live lease
 * and the move is one a runner may make, and renews the runner's other leases. A build it ends is
 * filed for retention, by its project's {@code retention_days} or else {@code retention}.
 */
@Component
public class ReportScript {

  private static final LuaScript SCRIPT = EngineScripts.load("report");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReportScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public ReportOutcome run(
      String runnerId, String buildId, StatusUpdate update, Duration leaseTtl, Duration retention) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.build(buildId), keys.runner(runnerId)),
            keys.prefix(),
            buildId,
            runnerId,
            update.attempt(),
            update.status().wire(),
            leaseTtl.toMillis(),
            update.exitCode(),
            update.message(),
            update.progress() == null ? null : EngineJson.write(update.progress()),
            update.steps() == null ? null : EngineJson.write(update.steps()),
            retention.toMillis());
    if (!reply.text(0).equals("ok")) {
      return new ReportOutcome.Refused(
          ReportOutcome.Refusal.valueOf(reply.text(0).toUpperCase(Locale.ROOT)), reply.text(1));
    }
    long deadline = reply.number(3);
    return new ReportOutcome.Accepted(
        BuildStatus.fromWire(reply.text(1)),
        (int) reply.number(2),
        deadline == 0 ? null : deadline,
        reply.flag(4));
  }
}
