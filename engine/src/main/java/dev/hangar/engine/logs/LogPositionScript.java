package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.Platform;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code log_position.lua}: what masking a chunk needs, in one round trip. */
@Component
public class LogPositionScript {

  private static final LuaScript SCRIPT = EngineScripts.load("log_position");

  private final ScriptRunner scripts;
  private final Keys keys;

  public LogPositionScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public LogPosition run(String buildId, int attempt) {
    Reply reply =
        scripts.run(SCRIPT, List.of(keys.build(buildId), keys.logState(buildId)), attempt);
    Optional<String> pipeline = Optional.of(reply.text(0)).filter(p -> !p.isEmpty());
    Optional<Platform> platform =
        Optional.of(reply.text(1)).filter(p -> !p.isEmpty()).map(Platform::fromWire);
    return new LogPosition(pipeline, platform, reply.number(2), reply.text(3));
  }
}
