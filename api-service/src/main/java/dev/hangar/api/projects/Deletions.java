package dev.hangar.api.projects;

import dev.hangar.api.signing.DeletedPipelineSigning;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.builds.DeletedBuilds;
import dev.hangar.engine.projects.ForgetPipelineScript;
import dev.hangar.engine.projects.ForgetProjectScript;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.engine.projects.RetirePipelineScript;
import dev.hangar.engine.projects.RetireProjectScript;
import dev.hangar.engine.retention.DeletedBuildData;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.projects.PipelineView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deleting a project or a pipeline, in steps ordered so that a crash anywhere leaves nothing lost
 * and a repeated DELETE finishes the job. First the record is set aside: readers answer 404 from
 * then on, and no build can be queued on it nor signing material stored for it. Then its unfinished
 * builds are cancelled (leased ones flagged for their runner), its ended builds' logs and artifacts
 * become due for the retention sweep, its signing material goes, its builds leave the listings, and
 * last what is left of the record goes. Every step may run twice; a DELETE that finds the record
 * set aside resumes, one that finds nothing answers 404. An api-service that starts resumes every
 * deletion left unfinished (its instance died, its client gave up), so no signing material of a
 * deleted pipeline waits for a DELETE that may never be sent again.
 */
@Component
class Deletions {

  private static final Logger log = LoggerFactory.getLogger(Deletions.class);

  /** Who a deletion resumed at start-up is logged as having been made by. */
  static final String RESUMED = "a start-up (resuming an unfinished deletion)";

  private final ProjectStore projects;
  private final RetireProjectScript retireProject;
  private final RetirePipelineScript retirePipeline;
  private final DeletedBuilds builds;
  private final DeletedBuildData data;
  private final DeletedPipelineSigning signing;
  private final ForgetProjectScript forgetProject;
  private final ForgetPipelineScript forgetPipeline;

  Deletions(
      ProjectStore projects,
      RetireProjectScript retireProject,
      RetirePipelineScript retirePipeline,
      DeletedBuilds builds,
      DeletedBuildData data,
      DeletedPipelineSigning signing,
      ForgetProjectScript forgetProject,
      ForgetPipelineScript forgetPipeline) {
    this.projects = projects;
    this.retireProject = retireProject;
    this.retirePipeline = retirePipeline;
    this.builds = builds;
    this.data = data;
    this.signing = signing;
    this.forgetProject = forgetProject;
    this.forgetPipeline = forgetPipeline;
  }

  /** Finishes every deletion begun and not finished; returns how many it finished. */
  int resumeUnfinished() {
    int finished = 0;
    for (String id : projects.unfinishedDeletions()) {
      try {
        if (Ids.looksLike("proj", id)) {
          deleteProject(id, RESUMED);
        } else {
          deletePipeline(id, RESUMED);
        }
        finished++;
      } catch (EngineException gone) {
        // finished meanwhile by a DELETE or another instance's start
      }
    }
    return finished;
  }

  void deleteProject(String projectId, String userId) {
    if (!Ids.looksLike("proj", projectId) || !retireProject.run(projectId)) {
      throw EngineException.notFound("project_not_found", "no project " + projectId);
    }
    int cancelled = builds.cancel(projectId, null);
    int filed = data.ofProject(projectId);
    for (String pipelineId : projects.pipelineIds(projectId)) {
      signing.remove(pipelineId, userId);
    }
    builds.unlist(projectId, null);
    forgetProject.run(projectId);
    log.info(
        "project {} deleted by {}: {} builds cancelled, the data of {} ended builds due",
        projectId,
        userId,
        cancelled,
        filed);
  }

  void deletePipeline(String pipelineId, String userId) {
    EngineException notFound =
        EngineException.notFound("pipeline_not_found", "no pipeline " + pipelineId);
    if (!Ids.looksLike("pipe", pipelineId)) {
      throw notFound;
    }
    PipelineView pipeline = retirePipeline.run(pipelineId).orElseThrow(() -> notFound);
    String projectId = pipeline.projectId();
    int cancelled = builds.cancel(projectId, pipelineId);
    int filed = data.ofPipeline(projectId, pipelineId);
    signing.remove(pipelineId, userId);
    builds.unlist(projectId, pipelineId);
    forgetPipeline.run(projectId, pipelineId);
    log.info(
        "pipeline {} deleted by {}: {} builds cancelled, the data of {} ended builds due",
        pipelineId,
        userId,
        cancelled,
        filed);
  }
}
