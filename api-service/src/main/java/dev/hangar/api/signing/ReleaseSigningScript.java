package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code release_signing.lua}: hands sealed material to the runner holding the job's live lease,
 * recording the release.
 */
@Component
class ReleaseSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("release_signing");

  private final ScriptRunner scripts;
  private final ApiKeys keys;
  private final Keys engineKeys;

  ReleaseSigningScript(ScriptRunner scripts, ApiKeys keys, Keys engineKeys) {
    this.scripts = scripts;
    this.keys = keys;
    this.engineKeys = engineKeys;
  }

  SigningRelease run(String runnerId, String jobId, SigningKind kind, Caller caller) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(engineKeys.build(jobId)),
            keys.prefix(),
            jobId,
            runnerId,
            kind.wire(),
            kind.platformList(),
            caller.address(),
            caller.forwardedFor());
    return reply.text(0).equals("ok")
        ? new SigningRelease.Released(reply.text(1), reply.text(2))
        : new SigningRelease.Refused(
            SigningRelease.Refusal.valueOf(reply.text(0).toUpperCase(Locale.ROOT)), reply.text(1));
  }
}
