package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code close_log.lua}: makes a finished build's live log final and tells its followers. */
@Component
public class CloseLogScript {

  private static final LuaScript SCRIPT = EngineScripts.load("close_log");

  private final ScriptRunner scripts;
  private final Keys keys;
  private final LogChannels channels;

  public CloseLogScript(ScriptRunner scripts, Keys keys, LogChannels channels) {
    this.scripts = scripts;
    this.keys = keys;
    this.channels = channels;
  }

  /** The build's final status and log length; empty while the build may still log. */
  public Optional<LogMessage.End> run(String buildId) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.build(buildId), keys.log(buildId), keys.logState(buildId)),
            LogText.MASK,
            channels.of(buildId));
    return reply.text(0).equals("closed")
        ? Optional.of(new LogMessage.End(reply.text(1), reply.number(2)))
        : Optional.empty();
  }
}
