package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code delete_signing.lua}: deletes a pipeline's material of one kind, with its audit entry. */
@Component
class DeleteSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("delete_signing");

  private final ScriptRunner scripts;
  private final ApiKeys keys;

  DeleteSigningScript(ScriptRunner scripts, ApiKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether there was material to delete. */
  boolean run(String pipelineId, SigningKind kind, String userId, Caller caller) {
    return scripts
        .run(
            SCRIPT,
            List.of(keys.signing(pipelineId, kind.wire()), keys.signingAudit(pipelineId)),
            kind.wire(),
            userId,
            caller.address(),
            caller.forwardedFor())
        .flag(0);
  }
}
