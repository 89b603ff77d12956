package dev.hangar.engine.runners;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code authenticate_runner.lua}: resolves a runner token and records the runner's contact. */
@Component
public class AuthenticateRunnerScript {

  private static final LuaScript SCRIPT = EngineScripts.load("authenticate_runner");

  private final ScriptRunner scripts;
  private final Keys keys;

  public AuthenticateRunnerScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** The token's runner, or empty for a token that is unknown or revoked. */
  public Optional<TokenOwner> run(String tokenHash) {
    Reply reply =
        scripts.run(SCRIPT, List.of(keys.runnerToken(tokenHash)), keys.prefix(), tokenHash);
    if (reply.isNil()) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenOwner(
            reply.text(0),
            reply.flag(1),
            (int) reply.number(2),
            reply.text(3),
            reply.text(4),
            reply.number(5)));
  }
}
