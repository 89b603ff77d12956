package dev.hangar.engine.signals;

import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * "Work available in class K", broadcast to every api-service instance over Redis pub/sub once the
 * broker has confirmed a publish, so runners waiting in a long-poll anywhere are woken at once.
 * Pub/sub is fire-and-forget: waiters also recheck on a timer, so a lost signal delays a build by
 * at most that period and never strands it.
 */
@Component
public class WorkSignals {

  private static final LuaScript ANNOUNCE = EngineScripts.load("announce");

  private final Scripts scripts;
  private final String channel;

  public WorkSignals(Scripts scripts, HangarProperties properties) {
    this.scripts = scripts;
    this.channel = channel(properties.namespace());
  }

  public static String channel(String namespace) {
    return namespace + ":work-available";
  }

  public String channel() {
    return channel;
  }

  /** Announces the classes in one round trip. */
  public void announce(Collection<String> classKeys) {
    Set<String> distinct = Set.copyOf(classKeys);
    if (distinct.isEmpty()) {
      return;
    }
    List<Object> args = new ArrayList<>(distinct.size() + 1);
    args.add(channel);
    args.addAll(distinct);
    scripts.run(ANNOUNCE, List.of(), args.toArray());
  }
}
