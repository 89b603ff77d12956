package dev.hangar.engine.projects;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.projects.PipelineView;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code retire_pipeline.lua}: sets a pipeline's record aside, the first step of its deletion. */
@Component
public class RetirePipelineScript {

  private static final LuaScript SCRIPT = EngineScripts.load("retire_pipeline");

  private final ScriptRunner scripts;
  private final Keys keys;

  public RetirePipelineScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** The pipeline when there is a deletion to carry out, begun now or earlier; else empty. */
  public Optional<PipelineView> run(String pipelineId) {
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(keys.pipeline(pipelineId), keys.deletedPipeline(pipelineId), keys.deletions()),
            pipelineId);
    return reply.isNil()
        ? Optional.empty()
        : Optional.of(EngineJson.read(reply.text(0), PipelineView.class));
  }
}
