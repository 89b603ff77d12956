package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code create_pipeline.lua}: stores a new pipeline if its project still exists. */
@Component
public class CreatePipelineScript {

  private static final LuaScript SCRIPT = EngineScripts.load("create_pipeline");

  private final ScriptRunner scripts;
  private final Keys keys;

  public CreatePipelineScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Whether it was stored: false when the project is gone. */
  public boolean run(String projectId, String pipelineId, String json, long createdAtMillis) {
    return scripts
        .run(
            SCRIPT,
            List.of(
                keys.project(projectId),
                keys.pipeline(pipelineId),
                keys.projectPipelines(projectId)),
            pipelineId,
            json,
            createdAtMillis)
        .flag(0);
  }
}
