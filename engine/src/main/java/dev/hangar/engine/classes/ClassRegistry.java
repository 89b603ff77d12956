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
import java.util.function.Consumer;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The capability classes known to the namespace (a Redis hash, key → requirements), with a local
 * copy refreshed at most once per {@link #REFRESH_MILLIS} so a claim does not pay a round trip to
 * learn them. A class created on another instance is seen here within that period, or at once when
 * {@link #find} or {@link #refresh} reads it. Whoever listens ({@link #onClassAdded}) hears of each
 * class as it enters the local copy.
 */
@Component
public class ClassRegistry {

  static final long REFRESH_MILLIS = 1_000;

  private final StringRedisTemplate redis;
  private final BrokerTopology topology;
  private final String classesKey;
  private final Map<String, CapabilityClass> known = new ConcurrentHashMap<>();

  /**
   * Bumped after every class added to {@link #known}: eligibility worked out before it is stale.
   */
  private final AtomicLong generation = new AtomicLong();

  /**
   * Every claim (twice, for a long poll) needs the runner's eligible classes, and runners send the
   * same capabilities every time: the match is remembered per set of capabilities.
   */
  private final Memo<Capabilities, Eligible> eligible = new Memo<>(10_000, this::match);

  /**
   * A lock, not {@code synchronized}: the read is a Redis call, which would pin a virtual thread on
   * Java 21.
   */
  private final ReentrantLock refreshing = new ReentrantLock();

  private volatile long refreshedAt;
  private volatile Consumer<CapabilityClass> classAdded = added -> {};

  public ClassRegistry(StringRedisTemplate redis, BrokerTopology topology, Keys keys) {
    this.redis = redis;
    this.topology = topology;
    this.classesKey = keys.classes();
  }

  /**
   * Who hears of a class entering the local copy, after claims can see it in {@link #eligible}.
   * Called on the thread that added it, which may be a request's or a refresh's under its lock: it
   * must not block.
   */
  public void onClassAdded(Consumer<CapabilityClass> listener) {
    this.classAdded = listener;
  }

  /** Declares the class's queues, then records it: whoever sees it in Redis can read its queues. */
  public void register(CapabilityClass capabilityClass) {
    String key = capabilityClass.key();
    if (known.containsKey(key)) {
      return;
    }
    topology.ensure(key);
    redis.opsForHash().putIfAbsent(classesKey, key, EngineJson.write(capabilityClass));
    add(capabilityClass);
  }

  /** Whether the local copy holds the class; asks nobody. */
  public boolean knows(String key) {
    return known.containsKey(key);
  }

  /** The classes a runner with these capabilities may take builds from. */
  public List<CapabilityClass> eligible(Capabilities capabilities) {
    refreshIfStale();
    return eligible
        .get(capabilities, remembered -> remembered.generation() == generation.get())
        .classes();
  }

  /**
   * Reads the generation first: a class added meanwhile makes the answer stale, never wrongly
   * current.
   */
  private Eligible match(Capabilities capabilities) {
    long seen = generation.get();
    List<CapabilityClass> classes =
        known.values().stream()
            .filter(c -> c.isSatisfiedBy(capabilities))
            .sorted(Comparator.comparing(CapabilityClass::key))
            .toList();
    return new Eligible(seen, classes);
  }

  private record Eligible(long generation, List<CapabilityClass> classes) {}

  /** The class with this key, looking in Redis at once if this instance has not seen it yet. */
  public Optional<CapabilityClass> find(String key) {
    if (!known.containsKey(key)) {
      refresh();
    }
    return Optional.ofNullable(known.get(key));
  }

  public Map<String, CapabilityClass> all() {
    refreshIfStale();
    return Map.copyOf(known);
  }

  /** Reads the class list from Redis now, stale or not. */
  public void refresh() {
    refreshing.lock();
    try {
      read(System.currentTimeMillis());
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Marks the copy fresh only once the read is done, and makes concurrent callers wait for it:
   * marked any earlier, a claim racing the first read would see no classes and answer 204 with a
   * build waiting.
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
      read(now);
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Under {@link #refreshing}; {@code now} was taken before the read, so the copy is never fresher
   * than it says.
   */
  private void read(long now) {
    redis
        .<String, String>opsForHash()
        .entries(classesKey)
        .forEach(
            (key, json) -> {
              if (!known.containsKey(key)) {
                add(EngineJson.read(json, CapabilityClass.class));
              }
            });
    refreshedAt = now;
  }

  /**
   * Bumps the generation before telling the listener, so whatever the listener starts sees the
   * class in {@link #eligible}.
   */
  private void add(CapabilityClass capabilityClass) {
    if (known.putIfAbsent(capabilityClass.key(), capabilityClass) == null) {
      generation.incrementAndGet();
      classAdded.accept(capabilityClass);
    }
  }
}
