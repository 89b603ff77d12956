package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code store_signing.lua}: stores a pipeline's sealed material and metadata with its audit entry.
 */
@Component
class StoreSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("store_signing");

  private final ScriptRunner scripts;
  private final ApiKeys keys;

  StoreSigningScript(ScriptRunner scripts, ApiKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  void run(
      String pipelineId,
      SigningKind kind,
      String sealed,
      String infoJson,
      String userId,
      Caller caller) {
    scripts.run(
        SCRIPT,
        List.of(keys.signing(pipelineId, kind.wire()), keys.signingAudit(pipelineId)),
        sealed,
        infoJson,
        kind.wire(),
        userId,
        caller.address(),
        caller.forwardedFor());
  }
}
