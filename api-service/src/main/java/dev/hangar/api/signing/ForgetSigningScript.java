package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiKeys;
import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code forget_signing.lua}: removes a deleted pipeline's material and audit trail. */
@Component
class ForgetSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("forget_signing");

  private final ScriptRunner scripts;
  private final ApiKeys keys;

  ForgetSigningScript(ScriptRunner scripts, ApiKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** How many kinds of material the pipeline had. */
  int run(String pipelineId) {
    return (int)
        scripts
            .run(
                SCRIPT,
                List.of(
                    keys.signing(pipelineId, SigningKind.ANDROID.wire()),
                    keys.signing(pipelineId, SigningKind.IOS.wire()),
                    keys.signingAudit(pipelineId)))
            .number(0);
  }
}
