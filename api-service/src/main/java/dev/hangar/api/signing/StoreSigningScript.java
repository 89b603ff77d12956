package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code store_signing.lua}: stores a pipeline's sealed material and metadata with its audit entry,
 * if the pipeline still exists.
 */
@Component
class StoreSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("store_signing");

  private final ScriptRunner scripts;
  private final ApiKeys keys;
  private final Keys engineKeys;

  StoreSigningScript(ScriptRunner scripts, ApiKeys keys, Keys engineKeys) {
    this.scripts = scripts;
    this.keys = keys;
    this.engineKeys = engineKeys;
  }

  /** Whether it was stored: false when the pipeline is gone (deleted). */
  boolean run(
      String pipelineId,
      SigningKind kind,
      String sealed,
      String infoJson,
      String userId,
      Caller caller) {
    return scripts
            .run(
                SCRIPT,
                List.of(
                    keys.signing(pipelineId, kind.wire()),
                    keys.signingAudit(pipelineId),
                    engineKeys.pipeline(pipelineId)),
                sealed,
                infoJson,
                kind.wire(),
                userId,
                caller.address(),
                caller.forwardedFor())
            .number(0)
        != 0;
  }
}
