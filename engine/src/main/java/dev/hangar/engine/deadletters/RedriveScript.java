package dev.hangar.engine.deadletters;

import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.Priority;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code redrive.lua}: writes an outbox entry for a dead-lettered build that still waits at the
 * dead letter's attempt.
 */
@Component
public class RedriveScript {

  private static final LuaScript SCRIPT = EngineScripts.load("redrive");

  private final ScriptRunner scripts;
  private final Keys keys;

  public RedriveScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * The publish that sends the build back, or empty when it moved on (claimed, cancelled, requeued
   * at another attempt, gone) and needs none.
   */
  public Optional<Publication> run(QueuedBuild deadLetter) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.build(deadLetter.buildId())),
            keys.prefix(),
            deadLetter.buildId(),
            deadLetter.attempt());
    return reply.text(0).equals("redrive")
        ? Optional.of(
            new Publication(
                deadLetter.buildId(),
                deadLetter.attempt(),
                reply.text(1),
                Priority.fromWire(reply.text(2))))
        : Optional.empty();
  }
}
