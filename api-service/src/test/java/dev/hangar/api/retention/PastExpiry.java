package dev.hangar.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The tests' way past a retention of days: moves a build's entry in the retention index to a time
 * long gone, as if its retention had run out, in one script like every write to Hangar's keys. Only
 * an entry already there moves: a build that was never filed stays unfiled.
 */
public final class PastExpiry {

  private static final String SCRIPT = "return redis.call('ZADD', KEYS[1], 'XX', 'CH', 1, ARGV[1])";

  private PastExpiry() {}

  public static void backdate(RedisCommands<String, String> redis, String namespace, String build) {
    Long moved =
        redis.eval(
            SCRIPT, ScriptOutputType.INTEGER, new String[] {namespace + ":retention"}, build);
    assertThat(moved).as("%s was in the retention index", build).isEqualTo(1);
  }
}
