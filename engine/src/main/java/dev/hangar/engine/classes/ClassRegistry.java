package dev.hangar.engine.classes;

import dev.hangar.engine.broker.BrokerTopology;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Memo;
import dev.hangar.model.Capabilities;
import dev.hangar.model.CapabilityClass;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The capability classes known to the namespace (a Redis hash, key → requirements), with a local copy
 * refreshed at most once per {@link #REFRESH_MILLIS} so a claim does not pay a round trip to learn
 * them. A class created on another instance is seen here within that period.
 */
@Component
public class ClassRegistry {

  static final long REFRESH_MILLIS = 1_000;

  private final StringRedisTemplate redis;
  private final BrokerTopology topology;
  private final String classesKey;
  private final Map<String, CapabilityClass> known = new ConcurrentHashMap<>();
  /** Bumped after every class added to {@link #known}: eligibility worked out before it is stale. */
  private final AtomicLong generation = new AtomicLong();
  /** Matching every class on every claim (twice, for a long poll) was a visible share of a claim's CPU. */
  private final Memo<Capabilities, Eligible> eligible = new Memo<>(10_000, this::match);
  /** A lock, not {@code synchronized}: the read is a Redis call, which would pin a virtual thread on Java 21. */
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile long refreshedAt;

  public ClassRegistry(StringRedisTemplate redis, BrokerTopology topology, Keys keys) {
    this.redis = redis;
    this.topology = topology;
    this.classesKey = keys.classes();
  }

  /** Declares the class's queues, then records it: whoever sees it in Redis can read its queues. */
  public void register(CapabilityClass capabilityClass) {
    String key = capabilityClass.key();
    if (known.containsKey(key)) {
      return;
    }
    topology.ensure(key);
    redis.opsForHash().putIfAbsent(classesKey, key, EngineJson.write(capabilityClass));
    if (known.putIfAbsent(key, capabilityClass) == null) {
      generation.incrementAndGet();
    }
  }

  /** The classes a runner with these capabilities may take builds from. */
  public List<CapabilityClass> eligible(Capabilities capabilities) {
    refreshIfStale();
    return eligible.get(capabilities, remembered -> remembered.generation() == generation.get()).classes();
  }

  /** Reads the generation first: a class added meanwhile makes the answer stale, never wrongly current. */
  private Eligible match(Capabilities capabilities) {
    long seen = generation.get();
    List<CapabilityClass> classes =
        known.values().stream().filter(c -> c.isSatisfiedBy(capabilities)).sorted(Comparator.comparing(CapabilityClass::key)).toList();
    return new Eligible(seen, classes);
  }

  private record Eligible(long generation, List<CapabilityClass> classes) {}

  /** The class with this key, looking in Redis at once if this instance has not seen it yet. */
  public Optional<CapabilityClass> find(String key) {
    if (!known.containsKey(key)) {
      refreshedAt = 0;
      refreshIfStale();
    }
    return Optional.ofNullable(known.get(key));
  }

  public Map<String, CapabilityClass> all() {
    refreshIfStale();
    return Map.copyOf(known);
  }

  /**
   * Marks the copy fresh only once the read is done, and makes concurrent callers wait for it: marking
   * it before let a claim racing the first read see no classes and answer 204 with a build waiting.
   */
  private void refreshIfStale() {
    if (System.currentTimeMillis() - refreshedAt < REFRESH_MILLIS) {
      return;
    }
    refreshing.lock();
    try {
      long now = System.currentTimeMillis();
      if (now - refreshedAt < REFRESH_MILLIS) {
        return;
      }
      redis.<String, String>opsForHash().entries(classesKey).forEach(
          (key, json) -> {
            if (!known.containsKey(key) && known.putIfAbsent(key, EngineJson.read(json, CapabilityClass.class)) == null) {
              generation.incrementAndGet();
            }
          });
      refreshedAt = now;
    } finally {
      refreshing.unlock();
    }
  }
}
