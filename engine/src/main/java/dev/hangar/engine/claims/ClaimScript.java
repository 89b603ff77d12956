package dev.hangar.engine.claims;

import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code claim.lua}: records the lease of the build a taken message names, if the build still waits
 * at that attempt and the runner is still as the caller matched it. Every claim goes through here:
 * ClaimService's, and the benchmark's floor, which measures the same script.
 */
@Component
public class ClaimScript {

  private static final LuaScript SCRIPT = EngineScripts.load("claim");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ClaimScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public ClaimOutcome run(QueuedBuild message, Claimant runner, Duration leaseTtl) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(
                keys.build(message.buildId()),
                keys.runner(runner.runnerId()),
                keys.runnerJobs(runner.runnerId()),
                keys.runnerToken(runner.tokenHash())),
            keys.prefix(),
            message.buildId(),
            message.attempt(),
            runner.runnerId(),
            leaseTtl.toMillis(),
            runner.capabilitiesRevision(),
            runner.tokenHash());
    return switch (reply.text(0)) {
      case "claimed" ->
          new ClaimOutcome.Claimed(
              message.buildId(),
              message.attempt(),
              reply.number(1),
              Duration.ofMillis(reply.number(2)),
              reply.text(3),
              reply.text(4),
              reply.number(5),
              Platform.fromWire(reply.text(6)),
              reply.text(7),
              reply.text(8),
              reply.text(9),
              reply.textIfPresent(10));
      case "stale" ->
          new ClaimOutcome.Stale(
              reply.text(1).equals("missing") ? null : BuildStatus.fromWire(reply.text(1)));
      default ->
          new ClaimOutcome.RunnerChanged(
              ClaimOutcome.Change.valueOf(reply.text(1).toUpperCase(Locale.ROOT)));
    };
  }
}
