package dev.hangar.api.signing;

import dev.hangar.api.redis.ApiScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code reseal_signing.lua}: replaces sealed material with its re-sealing unless it changed since
 * it was read.
 */
@Component
class ResealSigningScript {

  private static final LuaScript SCRIPT = ApiScripts.load("reseal_signing");

  private final ScriptRunner scripts;

  ResealSigningScript(ScriptRunner scripts) {
    this.scripts = scripts;
  }

  /** Whether the value was replaced; false when an upload replaced it meanwhile. */
  boolean run(String signingKey, String sealedRead, String resealed) {
    return scripts.run(SCRIPT, List.of(signingKey), sealedRead, resealed).flag(0);
  }
}
