package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code index_builds.lua}: files one page of a project's builds in the indexes by creation time.
 */
@Component
public class IndexBuildsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("index_builds");

  private final ScriptRunner scripts;
  private final Keys keys;

  public IndexBuildsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** How many builds the page held: fewer than {@code count} at the end of the list. */
  public int run(String projectId, long from, int count) {
    return (int)
        scripts
            .run(
                SCRIPT,
                List.of(keys.projectBuilds(projectId), keys.buildsByCreation()),
                keys.prefix(),
                from,
                count)
            .number(0);
  }
}
