package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code forget_project.lua}: removes what is left of a deleted project and its pipelines. */
@Component
public class ForgetProjectScript {

  private static final LuaScript SCRIPT = EngineScripts.load("forget_project");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ForgetProjectScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(String projectId) {
    scripts.run(
        SCRIPT,
        List.of(
            keys.deletedProject(projectId),
            keys.projectPipelines(projectId),
            keys.projectBuilds(projectId),
            keys.projectBuildCounter(projectId),
            keys.deletions()),
        keys.prefix(),
        projectId);
  }
}
