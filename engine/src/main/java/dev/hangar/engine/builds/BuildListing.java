package dev.hangar.engine.builds;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Pages of builds, newest first, from the index the filter names. Each page looks at no more than
 * {@link #BUDGET} index entries, however few of them pass the filter, and continues from the last
 * one it looked at: a page may hold fewer builds than asked for and still have a next one.
 */
@Component
public class BuildListing {

  public static final int BUDGET = 1000;

  private final ListBuildsScript script;
  private final BuildStore builds;

  public BuildListing(ListBuildsScript script, BuildStore builds) {
    this.script = script;
    this.builds = builds;
  }

  /**
   * @param after where the previous page stopped, in the filter's index; null for the first page
   */
  public BuildPage page(BuildFilter filter, BuildPosition after, int limit) {
    ListBuildsScript.Found found = script.run(filter, after, BUDGET, limit);
    return new BuildPage(
        found.buildIds().stream().map(builds::view).flatMap(Optional::stream).toList(),
        found.ended() ? null : found.last());
  }

  /** The page a filter nothing can pass answers: no builds, and nothing after it. */
  public static BuildPage empty() {
    return new BuildPage(List.of(), null);
  }
}
