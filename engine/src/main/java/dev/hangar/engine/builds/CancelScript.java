package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.BuildStatus;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code cancel.lua}: ends a waiting build at once, or flags a leased one for its runner. */
@Component
public class CancelScript {

  private static final LuaScript SCRIPT = EngineScripts.load("cancel");

  private final ScriptRunner scripts;
  private final Keys keys;

  public CancelScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * A waiting build it ends is filed for retention, by its project's {@code retention_days} or else
   * {@code retention}.
   */
  public CancelOutcome run(String buildId, Duration retention) {
    Reply reply =
        scripts.run(SCRIPT, List.of(keys.build(buildId)), keys.prefix(), retention.toMillis());
    return switch (reply.text(0)) {
      case "cancelled" -> new CancelOutcome.Cancelled();
      case "requested" -> new CancelOutcome.Requested(BuildStatus.fromWire(reply.text(1)));
      case "finished" -> new CancelOutcome.AlreadyFinished(BuildStatus.fromWire(reply.text(1)));
      default -> new CancelOutcome.NoSuchBuild();
    };
  }
}
