package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code retire_project.lua}: sets a project's record and its pipelines' aside, the first step of
 * its deletion.
 */
@Component
public class RetireProjectScript {

  private static final LuaScript SCRIPT = EngineScripts.load("retire_project");

  private final ScriptRunner scripts;
  private final Keys keys;

  public RetireProjectScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether there is a deletion to carry out, begun now or by an earlier DELETE. */
  public boolean run(String projectId) {
    return scripts
        .run(
            SCRIPT,
            List.of(
                keys.project(projectId),
                keys.deletedProject(projectId),
                keys.projects(),
                keys.projectPipelines(projectId),
                keys.deletions()),
            keys.prefix(),
            projectId)
        .flag(0);
  }
}
