package dev.hangar.engine.runners;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.Capabilities;
import dev.hangar.model.runners.UpdateRunnerRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code update_runner.lua}: a runner's PATCH, with a new capabilities revision when its
 * capabilities change.
 */
@Component
public class UpdateRunnerScript {

  private static final LuaScript SCRIPT = EngineScripts.load("update_runner");

  private final ScriptRunner scripts;
  private final Keys keys;

  public UpdateRunnerScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether the runner still existed and was updated. */
  public boolean run(String runnerId, UpdateRunnerRequest request) {
    Capabilities capabilities = request.capabilities();
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.runner(runnerId)),
            request.name(),
            capabilities == null ? null : EngineJson.write(capabilities),
            capabilities == null ? null : capabilities.capacity(),
            request.draining().map(draining -> draining ? "1" : "0").orElse(null));
    return !reply.isNil();
  }
}
