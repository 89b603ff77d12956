package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code read_build.lua}: a build's hash and attempt history, in one round trip. */
@Component
public class ReadBuildScript {

  private static final LuaScript SCRIPT = EngineScripts.load("read_build");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ReadBuildScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** The build, or empty when there is none with this id. */
  public Optional<BuildRecord> run(String buildId) {
    Reply reply = scripts.run(SCRIPT, List.of(keys.build(buildId), keys.attempts(buildId)));
    Map<String, String> fields = reply.hash(0);
    return fields.isEmpty()
        ? Optional.empty()
        : Optional.of(BuildRecord.of(fields, reply.texts(1)));
  }
}
