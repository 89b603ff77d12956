package dev.hangar.engine.retention;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code expire_now.lua}: files one page of a project's ended builds (or one pipeline's) as due in
 * the retention index.
 */
@Component
public class ExpireNowScript {

  private static final LuaScript SCRIPT = EngineScripts.load("expire_now");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ExpireNowScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * How many builds of the page were looked at (fewer than {@code count}: the list's end) and how
   * many were filed.
   *
   * @param pipelineId only this pipeline's builds; null for all of the project's
   */
  public Page run(String projectId, String pipelineId, long from, int count) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.projectBuilds(projectId), keys.retention()),
            keys.prefix(),
            pipelineId,
            from,
            count);
    return new Page((int) reply.number(0), (int) reply.number(1));
  }

  public record Page(int lookedAt, int filed) {}
}
