package dev.hangar.engine.outbox;

import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.Priority;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code outbox_due.lua}: the outbox entries their writers left unpublished past the grace period,
 * with entries of builds that moved on removed.
 */
@Component
public class OutboxDueScript {

  private static final LuaScript SCRIPT = EngineScripts.load("outbox_due");

  private final ScriptRunner scripts;
  private final Keys keys;

  public OutboxDueScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** At most {@code limit} publishes still needed, of entries older than {@code grace}. */
  public List<Publication> run(Duration grace, int limit) {
    Reply reply =
        scripts.run(SCRIPT, List.of(keys.outbox()), keys.prefix(), grace.toMillis(), limit);
    return reply.groups(0, 4).stream()
        .map(
            entry ->
                new Publication(
                    entry.text(0),
                    (int) entry.number(1),
                    entry.text(2),
                    Priority.fromWire(entry.text(3))))
        .toList();
  }
}
