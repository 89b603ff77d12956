package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.PipelineView;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code create_build.lua}: records a new build, queued at attempt 1, with the outbox entry its
 * publish clears, unless its project or pipeline is gone (deleted).
 */
@Component
public class CreateBuildScript {

  private static final LuaScript SCRIPT = EngineScripts.load("create_build");

  private final ScriptRunner scripts;
  private final Keys keys;

  public CreateBuildScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * Whether the build was recorded: false when its project or pipeline is gone.
   *
   * @param rerunOf the build this one runs again, or null
   */
  public boolean run(
      String buildId,
      PipelineView pipeline,
      String repositoryUrl,
      CreateBuildRequest request,
      String userId,
      String rerunOf) {
    return scripts
        .run(
            SCRIPT,
            List.of(
                keys.projectBuildCounter(pipeline.projectId()),
                keys.build(buildId),
                keys.projectBuilds(pipeline.projectId()),
                keys.outbox(),
                keys.waiting(pipeline.queue()),
                keys.buildCounts(),
                keys.project(pipeline.projectId()),
                keys.pipeline(pipeline.id()),
                keys.buildsByCreation(),
                keys.pipelineBuilds(pipeline.id())),
            buildId,
            pipeline.projectId(),
            pipeline.id(),
            pipeline.platform().wire(),
            pipeline.queue(),
            request.priority().wire(),
            request.commitSha(),
            request.branch(),
            EngineJson.write(pipeline.config()),
            userId,
            repositoryUrl,
            rerunOf)
        .flag(0);
  }
}
