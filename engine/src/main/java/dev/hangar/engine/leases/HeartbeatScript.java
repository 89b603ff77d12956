package dev.hangar.engine.leases;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.runners.RunnerCredentials;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code heartbeat.lua}: checks a runner's token, records its contact and renews the leases it
 * holds, in one round trip.
 */
@Component
public class HeartbeatScript {

  private static final LuaScript SCRIPT = EngineScripts.load("heartbeat");

  private final ScriptRunner scripts;
  private final Keys keys;

  public HeartbeatScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public HeartbeatOutcome run(RunnerCredentials credentials, Duration leaseTtl) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.runnerToken(credentials.tokenHash())),
            keys.prefix(),
            credentials.pathRunnerId(),
            credentials.tokenHash(),
            leaseTtl.toMillis());
    return switch (reply.text(0)) {
      case "unauthorized" -> new HeartbeatOutcome.UnknownToken();
      case "not_your_runner" -> new HeartbeatOutcome.NotYourRunner();
      default ->
          new HeartbeatOutcome.Renewed(
              reply.flag(1),
              (int) reply.number(2),
              reply.groups(3, 3).stream()
                  .map(
                      lease ->
                          new HeartbeatOutcome.HeldLease(
                              lease.text(0), lease.number(1), lease.flag(2)))
                  .toList());
    };
  }
}
