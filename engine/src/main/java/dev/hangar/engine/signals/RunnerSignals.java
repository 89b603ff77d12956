package dev.hangar.engine.signals;

import dev.hangar.engine.HangarProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * "Runner R changed" (it drained, its capabilities changed, or it was removed), broadcast to every
 * api-service instance over Redis pub/sub, so a long-poll that runner has waiting on any of them
 * ends at once and the runner asks again as it is now. Fire-and-forget like the work signal: a lost
 * one leaves the wait to run out by itself, which is where it would end without the signal.
 */
@Component
public class RunnerSignals {

  private static final Logger log = LoggerFactory.getLogger(RunnerSignals.class);

  private final StringRedisTemplate redis;
  private final String channel;

  public RunnerSignals(StringRedisTemplate redis, HangarProperties properties) {
    this.redis = redis;
    this.channel = properties.namespace() + ":runner-changed";
  }

  public String channel() {
    return channel;
  }

  /** Never fails the change that was just recorded: the runner's waits also end by themselves. */
  public void announce(String runnerId) {
    try {
      redis.convertAndSend(channel, runnerId);
    } catch (RuntimeException e) {
      log.warn("could not announce that runner {} changed: {}", runnerId, e.toString());
    }
  }
}
