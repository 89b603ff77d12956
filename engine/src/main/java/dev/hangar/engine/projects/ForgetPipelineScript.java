package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code forget_pipeline.lua}: removes what is left of a deleted pipeline. */
@Component
public class ForgetPipelineScript {

  private static final LuaScript SCRIPT = EngineScripts.load("forget_pipeline");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ForgetPipelineScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  public void run(String projectId, String pipelineId) {
    scripts.run(
        SCRIPT,
        List.of(
            keys.deletedPipeline(pipelineId),
            keys.pipelineBuilds(pipelineId),
            keys.projectPipelines(projectId),
            keys.deletions()),
        pipelineId);
  }
}
