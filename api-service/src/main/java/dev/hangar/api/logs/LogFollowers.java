package dev.hangar.api.logs;

import dev.hangar.engine.builds.BuildRecord;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.logs.LogChannels;
import dev.hangar.engine.logs.LogMessage;
import dev.hangar.engine.logs.LogSlice;
import dev.hangar.engine.logs.LogStore;
import dev.hangar.model.BuildStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The clients following build logs on this instance ({@code GET /v1/builds/{id}/logs/stream}). The
 * instance subscribes to a build's log channel while it has followers of that build, so a chunk
 * stored through any instance reaches them as soon as Redis publishes it; no follower polls or
 * holds a thread while nothing happens. Every {@link #KEEP_ALIVE} each follower is pinged, and each
 * followed build whose end was never heard of (the instance that ended it died before telling) is
 * checked, so no follower waits for good. When the instance stops, its followers are let go first
 * (they reconnect elsewhere with their {@code Last-Event-ID}), rather than holding up its graceful
 * shutdown.
 *
 * <p>The subscription is a Redis connection of its own, not a bean (the work signals have theirs).
 * Its messages reach the listeners on the thread that receives them, in the order Redis published
 * them: a listener only queues them for its followers, and order is what a log is.
 */
@Component
class LogFollowers implements SchedulingConfigurer, SmartLifecycle, LogFollower.LogSource {

  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final RedisMessageListenerContainer subscriptions;
  private final LogStore store;
  private final BuildStore builds;
  private final LogChannels channels;
  private final Map<String, FollowedBuild> followed = new HashMap<>();
  private volatile boolean running;

  LogFollowers(
      RedisConnectionFactory connections,
      LogStore store,
      BuildStore builds,
      LogChannels channels,
      MeterRegistry meters) {
    this.subscriptions = new RedisMessageListenerContainer();
    subscriptions.setConnectionFactory(connections);
    subscriptions.setTaskExecutor(new SyncTaskExecutor());
    subscriptions.afterPropertiesSet();
    this.store = store;
    this.builds = builds;
    this.channels = channels;
    meters.gauge("hangar.logs.followers", this, LogFollowers::count);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::keepAlive, KEEP_ALIVE);
  }

  @Override
  public void start() {
    subscriptions.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    List<FollowedBuild> now;
    synchronized (this) {
      now = List.copyOf(followed.values());
    }
    now.forEach(build -> build.followers().forEach(LogFollower::close));
    subscriptions.stop();
  }

  @PreDestroy
  void close() throws Exception {
    subscriptions.destroy();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server's graceful shutdown, which would wait for every open stream. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  /** A new follower of the build's log from byte {@code from}. */
  SseEmitter follow(String buildId, long from) {
    // Never times out: the follow ends with the build, or when the client leaves.
    SseEmitter emitter = new SseEmitter(0L);
    FollowedBuild build;
    LogFollower follower;
    synchronized (this) {
      build = followed.computeIfAbsent(buildId, this::subscribe);
      follower = new LogFollower(buildId, from, emitter, this, () -> leave(build));
      build.followers().add(follower);
    }
    // Subscribed first, then read: every byte is in the read or in a message after it.
    follower.start();
    return emitter;
  }

  /** Followers on this instance right now. */
  synchronized int count() {
    return followed.values().stream().mapToInt(b -> b.followers().size()).sum();
  }

  @Override
  public LogSlice read(String buildId, long from, int max) {
    return store.read(buildId, from, max);
  }

  @Override
  public String endedStatus(String buildId) {
    return builds
        .record(buildId)
        .map(BuildRecord::status)
        .filter(BuildStatus::isTerminal)
        .map(BuildStatus::wire)
        .orElse(null);
  }

  private FollowedBuild subscribe(String buildId) {
    Set<LogFollower> followers = ConcurrentHashMap.newKeySet();
    MessageListener listener =
        (message, pattern) -> {
          LogMessage parsed = LogMessage.parse(message.getBody());
          followers.forEach(follower -> follower.deliver(parsed));
        };
    ChannelTopic topic = new ChannelTopic(channels.of(buildId));
    subscriptions.addMessageListener(listener, topic);
    return new FollowedBuild(buildId, followers, listener, topic);
  }

  private synchronized void leave(FollowedBuild build) {
    build.followers().removeIf(LogFollower::closed);
    if (build.followers().isEmpty() && followed.remove(build.buildId(), build)) {
      subscriptions.removeMessageListener(build.listener(), build.topic());
    }
  }

  private void keepAlive() {
    List<FollowedBuild> now;
    synchronized (this) {
      now = List.copyOf(followed.values());
    }
    for (FollowedBuild build : now) {
      build.followers().forEach(LogFollower::ping);
      LogSlice log = store.read(build.buildId(), 0, 0);
      String ended = endedStatus(build.buildId());
      if (log.complete() || (!log.found() && ended != null)) {
        LogMessage.End end = new LogMessage.End(ended == null ? "" : ended, log.length());
        build.followers().forEach(follower -> follower.deliver(end));
      }
    }
  }

  /** The followers of one build on this instance, and the subscription that feeds them. */
  private record FollowedBuild(
      String buildId, Set<LogFollower> followers, MessageListener listener, ChannelTopic topic) {}
}
