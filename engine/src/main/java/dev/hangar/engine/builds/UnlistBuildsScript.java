package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code unlist_builds.lua}: takes one page of a deleted project's (or pipeline's) builds out of
 * the listings.
 */
@Component
public class UnlistBuildsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("unlist_builds");

  private final ScriptRunner scripts;
  private final Keys keys;

  public UnlistBuildsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * How many builds of the page were looked at (fewer than {@code count}: the list's end) and how
   * many were taken out of the project's list.
   *
   * @param pipelineId only this pipeline's builds; null for all of the project's
   */
  public Page run(String projectId, String pipelineId, long from, int count) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.projectBuilds(projectId), keys.buildsByCreation()),
            keys.prefix(),
            pipelineId,
            from,
            count);
    return new Page((int) reply.number(0), (int) reply.number(1));
  }

  public record Page(int lookedAt, int taken) {}
}
