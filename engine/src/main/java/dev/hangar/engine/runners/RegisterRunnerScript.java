package dev.hangar.engine.runners;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.Capabilities;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code register_runner.lua}: writes a new runner, its token's index entry and its place in the
 * runner index together.
 */
@Component
public class RegisterRunnerScript {

  private static final LuaScript SCRIPT = EngineScripts.load("register_runner");

  private final ScriptRunner scripts;
  private final Keys keys;

  public RegisterRunnerScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Returns the registration time (Redis's clock, ms). */
  public long run(
      String runnerId,
      String name,
      Capabilities capabilities,
      String tokenHash,
      String registeredBy) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.runner(runnerId), keys.runnerToken(tokenHash), keys.runners()),
            runnerId,
            name,
            EngineJson.write(capabilities),
            capabilities.capacity(),
            tokenHash,
            registeredBy);
    return reply.number(0);
  }
}
