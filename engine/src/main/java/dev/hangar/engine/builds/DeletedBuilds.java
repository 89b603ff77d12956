package dev.hangar.engine.builds;

import dev.hangar.model.BuildStatus;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What deleting a project or a pipeline does to its builds besides their kept data
 * (DeletedBuildData): those still waiting are cancelled and those leased are flagged so their
 * runner stops, through the cancel a user makes, and all of them leave the listings. Their records
 * stay, readable by id. Each step may be redone, so a deletion retried after a crash finishes the
 * job.
 */
@Component
public class DeletedBuilds {

  static final int PAGE = 200;
  private static final Set<BuildStatus> UNFINISHED =
      Set.of(BuildStatus.QUEUED, BuildStatus.ASSIGNED, BuildStatus.RUNNING);

  private final ListBuildsScript list;
  private final UnlistBuildsScript unlist;
  private final BuildStore builds;

  public DeletedBuilds(ListBuildsScript list, UnlistBuildsScript unlist, BuildStore builds) {
    this.list = list;
    this.unlist = unlist;
    this.builds = builds;
  }

  /**
   * Cancels every unfinished build of the project (of the one pipeline, when named); returns how
   * many it cancelled or flagged.
   */
  public int cancel(String projectId, String pipelineId) {
    BuildFilter unfinished = new BuildFilter(UNFINISHED, projectId, null, null);
    int cancelled = 0;
    BuildPosition after = null;
    ListBuildsScript.Found found;
    do {
      found = list.run(unfinished, after, BuildListing.BUDGET, BuildListing.BUDGET);
      for (String id : found.buildIds()) {
        boolean ofPipeline =
            pipelineId == null
                || builds.record(id).map(b -> pipelineId.equals(b.pipelineId())).orElse(false);
        if (ofPipeline) {
          CancelOutcome outcome = builds.withdraw(id);
          if (outcome instanceof CancelOutcome.Cancelled
              || outcome instanceof CancelOutcome.Requested) {
            cancelled++;
          }
        }
      }
      after = found.last();
    } while (!found.ended());
    return cancelled;
  }

  /** Takes every build of the project (of the one pipeline, when named) out of the listings. */
  public void unlist(String projectId, String pipelineId) {
    long from = 0;
    UnlistBuildsScript.Page page;
    do {
      page = unlist.run(projectId, pipelineId, from, PAGE);
      from += page.lookedAt() - page.taken();
    } while (page.lookedAt() == PAGE);
  }
}
