package dev.hangar.engine.logs;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** {@code append_log.lua}: checks the lease and appends a chunk in one step. */
@Component
public class AppendLogScript {

  private static final LuaScript SCRIPT = EngineScripts.load("append_log");

  private final ScriptRunner scripts;
  private final Keys keys;
  private final LogChannels channels;

  public AppendLogScript(ScriptRunner scripts, Keys keys, LogChannels channels) {
    this.scripts = scripts;
    this.keys = keys;
    this.channels = channels;
  }

  public AppendOutcome run(LogAppend chunk, long maxBytes) {
    String id = chunk.buildId();
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.build(id), keys.log(id), keys.logState(id), keys.liveLogs()),
            id,
            chunk.runnerId(),
            chunk.attempt(),
            chunk.offset(),
            chunk.length(),
            chunk.basedOn(),
            chunk.stored(),
            chunk.pending(),
            maxBytes,
            LogText.truncated(maxBytes),
            LogText.MASK,
            LogText.attemptHeader(chunk.attempt()),
            channels.of(id));
    return switch (reply.text(0)) {
      case "ok" -> new AppendOutcome.Appended(reply.number(1));
      case "gap" -> new AppendOutcome.Gap(reply.number(1));
      case "stale" -> new AppendOutcome.Stale(reply.number(1));
      case "log_limit_reached" -> new AppendOutcome.LimitReached();
      default ->
          new AppendOutcome.Refused(
              AppendOutcome.Refusal.valueOf(reply.text(0).toUpperCase(Locale.ROOT)), reply.text(1));
    };
  }
}
