package dev.hangar.engine.retention;

import org.springframework.stereotype.Component;

/**
 * What deleting a project or a pipeline does to its builds' logs and artifacts: they become due in
 * the retention index at once, and the next retention sweep (any dispatcher's, within
 * HANGAR_LOG_SWEEP_INTERVAL) deletes them through {@link ExpiringBuildData} like any expired
 * build's, so a deletion answers at once and a crash loses no work. Builds still running are filed
 * when they end, due at once as well, once their project or pipeline is gone. The delete endpoints
 * call this before they remove the project or pipeline and its build list.
 */
@Component
public class DeletedBuildData {

  static final int PAGE = 200;

  private final ExpireNowScript script;

  public DeletedBuildData(ExpireNowScript script) {
    this.script = script;
  }

  /** Files every ended build of the project as due; returns how many. */
  public int ofProject(String projectId) {
    return expireNow(projectId, null);
  }

  /** Files every ended build of the pipeline as due; returns how many. */
  public int ofPipeline(String projectId, String pipelineId) {
    return expireNow(projectId, pipelineId);
  }

  private int expireNow(String projectId, String pipelineId) {
    int filed = 0;
    long from = 0;
    ExpireNowScript.Page page;
    do {
      page = script.run(projectId, pipelineId, from, PAGE);
      filed += page.filed();
      from += PAGE;
    } while (page.lookedAt() == PAGE);
    return filed;
  }
}
