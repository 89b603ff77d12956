package dev.hangar.engine.claims;

import dev.hangar.engine.broker.Publication;
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
 * {@code return_claim.lua}: puts a build whose claim answer could not be delivered back to queued
 * at the same attempt, with an outbox entry for its publish.
 */
@Component
public class ReturnClaimScript {

  private static final LuaScript SCRIPT = EngineScripts.load("return_claim");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReturnClaimScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * The publish that sends the build back, or empty when the build moved on meanwhile (the runner
   * already reported on it, or its lease ended) and nothing changed.
   */
  public Optional<Publication> run(String runnerId, String buildId, int attempt) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.build(buildId), keys.runnerJobs(runnerId)),
            keys.prefix(),
            buildId,
            runnerId,
            attempt);
    return reply.text(0).equals("returned")
        ? Optional.of(
            new Publication(buildId, attempt, reply.text(1), Priority.fromWire(reply.text(2))))
        : Optional.empty();
  }
}
