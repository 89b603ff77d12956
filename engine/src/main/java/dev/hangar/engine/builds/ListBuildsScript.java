package dev.hangar.engine.builds;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Reply;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.model.BuildStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code list_builds.lua}: the ids of the builds that pass a filter, newest first, from just after
 * a position in one index, looking at a bounded number of entries.
 */
@Component
public class ListBuildsScript {

  private static final LuaScript SCRIPT = EngineScripts.load("list_builds");

  private final ScriptRunner scripts;
  private final Keys keys;

  public ListBuildsScript(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /**
   * What one look found.
   *
   * @param ended whether the index ran out before the budget or the limit did
   * @param last the last entry looked at; null when none was
   */
  public record Found(List<String> buildIds, boolean ended, BuildPosition last) {}

  /**
   * Looks at no more than {@code budget} entries of the filter's index after {@code after} (from
   * the newest when null) and finds at most {@code limit} builds.
   */
  public Found run(BuildFilter filter, BuildPosition after, int budget, int limit) {
    String index =
        switch (filter.index()) {
          case EVERY -> keys.buildsByCreation();
          case PROJECT -> keys.projectBuilds(filter.projectId());
          case PIPELINE -> keys.pipelineBuilds(filter.pipelineId());
        };
    Reply reply =
        scripts.run(
            SCRIPT,
            List.of(index),
            keys.prefix(),
            after == null ? "+inf" : Long.toString(after.score()),
            after == null ? "" : after.buildId(),
            budget,
            limit,
            filter.statuses().isEmpty()
                ? ""
                : filter.statuses().stream()
                    .map(BuildStatus::wire)
                    .collect(Collectors.joining(",", ",", ",")),
            filter.branch());
    BuildPosition last =
        reply.text(2).isEmpty()
            ? null
            : new BuildPosition(filter.index(), Long.parseLong(reply.text(1)), reply.text(2));
    List<String> ids =
        reply.values().subList(3, reply.size()).stream().map(String::valueOf).toList();
    return new Found(ids, reply.flag(0), last);
  }
}
