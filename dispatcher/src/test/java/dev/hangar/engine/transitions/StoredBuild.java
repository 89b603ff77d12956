package dev.hangar.engine.transitions;

import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.BuildStatus;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A build put into any status directly in Redis, laid out as the engine's scripts leave a build in
 * that status (hash, attempt history, waiting index, deadline index, runner's job set), so each
 * script can be tried from every status without walking the build there through other scripts.
 *
 * @param runnerId the runner that holds (or last held) the build; unused for a queued build
 * @param leaseExpired whether a held build's lease deadline has passed
 */
record StoredBuild(
    BuildStatus status,
    String runnerId,
    int attempt,
    boolean cancelRequested,
    boolean leaseExpired) {

  /** The capability class every stored build waits in. */
  static final String CLASS_KEY = "linux";

  /** Long ago, so anything a script writes with Redis's clock differs from it. */
  private static final long LONG_AGO = 1_000_000_000_000L;

  /** Writes the build under {@code keys} and returns its id. */
  String store(StringRedisTemplate redis, Keys keys) {
    String id = Ids.next("build");
    Map<String, String> fields = new HashMap<>();
    fields.put("id", id);
    fields.put("build_number", "1");
    fields.put("project_id", Ids.next("proj"));
    fields.put("pipeline_id", Ids.next("pipe"));
    fields.put("platform", "linux");
    fields.put("queue", CLASS_KEY);
    fields.put("priority", "normal");
    fields.put("commit_sha", "a1b2c3d4e5f6");
    fields.put("branch", "main");
    fields.put("config_snapshot", "{}");
    fields.put("created_by", Ids.next("user"));
    fields.put("created_at", Long.toString(LONG_AGO));
    fields.put("updated_at", Long.toString(LONG_AGO));
    fields.put("status", status.wire());
    fields.put("attempt", Integer.toString(attempt));
    fields.put("cancel_requested", cancelRequested ? "1" : "0");
    switch (status) {
      case QUEUED -> redis.opsForZSet().add(keys.waiting(CLASS_KEY), id, LONG_AGO);
      case ASSIGNED, RUNNING -> {
        long deadline = leaseExpired ? LONG_AGO : System.currentTimeMillis() + 3_600_000L;
        fields.put("runner_id", runnerId);
        fields.put("lease_expires_at", Long.toString(deadline));
        if (status == BuildStatus.RUNNING) {
          fields.put("acknowledged", "1");
        }
        redis.opsForZSet().add(keys.leases(), id, deadline);
        redis.opsForSet().add(keys.runnerJobs(runnerId), id);
        redis.opsForList().rightPush(keys.attempts(id), attempt(null));
      }
      case SUCCEEDED, FAILED, CANCELLED -> {
        // Ended by its runner's own report, as report.lua leaves it.
        fields.put("runner_id", runnerId);
        fields.put("finished_at", Long.toString(LONG_AGO));
        if (status == BuildStatus.FAILED) {
          fields.put("failure_reason", "runner_reported");
        }
        redis.opsForList().rightPush(keys.attempts(id), attempt(status));
      }
    }
    redis.opsForHash().putAll(keys.build(id), fields);
    return id;
  }

  private String attempt(BuildStatus outcome) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("attempt", attempt);
    entry.put("runner_id", runnerId);
    entry.put("claimed_at", LONG_AGO);
    if (outcome != null) {
      entry.put("ended_at", LONG_AGO);
      entry.put("outcome", outcome.wire());
    }
    return EngineJson.write(entry);
  }
}
