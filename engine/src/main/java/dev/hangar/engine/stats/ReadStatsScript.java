package dev.hangar.engine.stats;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.stats.StatsView;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code read_stats.lua}: claims and requeues of the last minute and hour, from the buckets every
 * instance's scripts fill, in one round trip.
 */
@Component
public class ReadStatsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("read_stats");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReadStatsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public Activity run() {
    Reply reply = scripts.run(SCRIPT, List.of(), keys.prefix());
    return new Activity(
        new StatsView.Window(reply.number(0), reply.number(1)),
        new StatsView.Window(reply.number(2), reply.number(3)));
  }

  /** Claims and requeues, each over the last minute and hour. */
  public record Activity(StatsView.Window claims, StatsView.Window requeues) {}
}
