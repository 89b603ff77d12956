package dev.hangar.engine.builds;

import dev.hangar.engine.redis.Keys;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the indexes by creation time complete for builds recorded before create_build.lua filed
 * them there (data kept by an earlier version, e.g. in Redis's append-only file). Every project's
 * build list is the record of which builds exist: when the index of every build holds fewer entries
 * than those lists together, each list is filed again, page by page. Filing is idempotent, so
 * instances starting together do no harm.
 */
@Component
public class BuildIndex {

  private static final Logger log = LoggerFactory.getLogger(BuildIndex.class);
  static final int PAGE = 500;

  private final StringRedisTemplate redis;
  private final Keys keys;
  private final IndexBuildsScript script;

  public BuildIndex(StringRedisTemplate redis, Keys keys, IndexBuildsScript script) {
    this.redis = redis;
    this.keys = keys;
    this.script = script;
  }

  /** Files every project's builds unless the index of every build already counts them all. */
  public void complete() {
    Set<String> projects = redis.opsForZSet().range(keys.projects(), 0, -1);
    List<String> ids = projects == null ? List.of() : List.copyOf(projects);
    long listed =
        ids.stream()
            .map(id -> redis.opsForZSet().zCard(keys.projectBuilds(id)))
            .filter(Objects::nonNull)
            .mapToLong(Long::longValue)
            .sum();
    Long card = redis.opsForZSet().zCard(keys.buildsByCreation());
    long indexed = card == null ? 0 : card;
    // Unequal also while a project's deletion is half done: filing again is then merely redundant.
    if (indexed == listed) {
      return;
    }
    log.info("filing the builds of {} projects in the build index", ids.size());
    for (String project : ids) {
      long from = 0;
      int held;
      do {
        held = script.run(project, from, PAGE);
        from += PAGE;
      } while (held == PAGE);
    }
    log.info("build index complete");
  }
}
