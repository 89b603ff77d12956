package dev.hangar.engine.claims;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.broker.BrokerTopology;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.ConsumerChannels;
import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.Scripts;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Platform;
import dev.hangar.model.Priority;
import dev.hangar.model.runners.JobView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Claim = take, record, ack (DESIGN rule 2, with the message taken from what RabbitMQ pushed ahead
 * to this instance when it can be: {@link QueueFeeds}). Tries the runner's eligible classes, {@code
 * high} queues before {@code normal}, starting from a rotating offset so one busy class cannot
 * starve the others. The message is acked only after {@code claim.lua} recorded the lease; if this
 * instance dies in between, RabbitMQ redelivers and the script recognises the duplicate.
 */
@Component
public class ClaimService {

  private static final LuaScript CLAIM = EngineScripts.load("claim");
  private static final LuaScript RETURN_CLAIM = EngineScripts.load("return_claim");

  private static final Logger log = LoggerFactory.getLogger(ClaimService.class);
  private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {};

  private final ConsumerChannels channels;
  private final BrokerTopology topology;
  private final QueueNames names;
  private final ClassRegistry classes;
  private final Scripts scripts;
  private final Keys keys;
  private final HangarProperties properties;
  private final KnownEmptyQueues empty;
  private final QueueFeeds feeds;
  private final BuildPublisher publisher;
  private final AtomicInteger rotation = new AtomicInteger();
  private final Counter claims;

  public ClaimService(
      ConsumerChannels channels,
      BrokerTopology topology,
      QueueNames names,
      ClassRegistry classes,
      Scripts scripts,
      Keys keys,
      HangarProperties properties,
      KnownEmptyQueues empty,
      QueueFeeds feeds,
      BuildPublisher publisher,
      MeterRegistry meters) {
    this.channels = channels;
    this.topology = topology;
    this.names = names;
    this.classes = classes;
    this.scripts = scripts;
    this.keys = keys;
    this.properties = properties;
    this.empty = empty;
    this.feeds = feeds;
    this.publisher = publisher;
    this.claims = meters.counter("hangar.claims");
  }

  /**
   * A job for this runner, or empty when nothing it may run is waiting (or it is draining).
   *
   * @throws RunnerChangedException when the runner drained, changed capabilities or went away
   *     meanwhile
   */
  public Optional<JobView> claim(AuthenticatedRunner runner) {
    if (runner.draining()) {
      return Optional.empty();
    }
    if (runner.atCapacity()) {
      throw EngineException.conflict(
          "runner_at_capacity",
          "the runner holds "
              + runner.jobsHeld()
              + " of its capacity "
              + runner.capacity()
              + " jobs");
    }
    List<CapabilityClass> eligible = classes.eligible(runner.capabilities());
    if (eligible.isEmpty()) {
      return Optional.empty();
    }
    int start = Math.floorMod(rotation.getAndIncrement(), eligible.size());
    Taken taken =
        channels.execute(
            channel -> {
              for (Priority priority : Priority.values()) {
                for (int i = 0; i < eligible.size(); i++) {
                  String classKey = eligible.get((start + i) % eligible.size()).key();
                  String queue = names.queue(classKey, priority);
                  if (empty.isKnownEmpty(classKey, queue)) {
                    continue;
                  }
                  topology.ensure(classKey);
                  Taken t = takeFrom(channel, classKey, queue, runner);
                  if (t != Taken.NOTHING) {
                    return t;
                  }
                }
              }
              return Taken.NOTHING;
            });
    if ("at_capacity".equals(taken.refusal())) {
      throw EngineException.conflict(
          "runner_at_capacity",
          "the runner already holds its capacity of " + runner.capacity() + " jobs");
    }
    if (taken.refusal() != null) {
      throw new RunnerChangedException(taken.refusal());
    }
    Optional<JobView> job = Optional.ofNullable(taken.job());
    job.ifPresent(j -> claims.increment());
    return job;
  }

  /** What one queue gave: a job, a refusal because the runner changed under us, or nothing. */
  private record Taken(JobView job, String refusal) {
    static final Taken NOTHING = new Taken(null, null);
  }

  /**
   * Takes messages from one queue until one becomes a lease for this runner or the queue is empty.
   * Stale messages (cancelled, already claimed, superseded attempt) are acked and dropped on the
   * way; unreadable ones are rejected to the dead-letter queue.
   */
  private Taken takeFrom(Channel pooled, String classKey, String queue, AuthenticatedRunner runner)
      throws IOException {
    while (true) {
      long lookBegan = empty.now();
      QueueFeeds.Taken message = feeds.take(pooled, classKey, queue).orElse(null);
      if (message == null) {
        empty.markEmpty(queue, lookBegan);
        return Taken.NOTHING;
      }
      empty.foundWork(queue);
      Channel channel = message.channel();
      long tag = message.deliveryTag();
      QueuedBuild queued = QueuedBuild.read(message.body()).orElse(null);
      if (queued == null) {
        // Hangar never publishes such a body; left unacked it would sit on its channel for good.
        log.warn(
            "moved an unreadable message ({} bytes) from {} to the dead-letter queue",
            message.body().length,
            queue);
        channel.basicReject(tag, false);
        continue;
      }
      List<Object> result;
      try {
        result =
            scripts.run(
                CLAIM,
                keys.of(
                    keys.build(queued.buildId()),
                    keys.runner(runner.id()),
                    keys.runnerJobs(runner.id()),
                    keys.runnerToken(runner.tokenHash())),
                keys.prefix(),
                queued.buildId(),
                queued.attempt(),
                runner.id(),
                properties.leaseTtl().toMillis(),
                runner.capabilitiesRevision(),
                runner.tokenHash());
      } catch (RuntimeException redisFailure) {
        channel.basicReject(tag, true);
        throw redisFailure;
      }
      switch ((String) result.getFirst()) {
        case "claimed" -> {
          ackRecorded(channel, tag, queued);
          return new Taken(toJob(queued, result), null);
        }
        case "stale" -> {
          log.debug(
              "dropped message for {} attempt {} (build is {})",
              queued.buildId(),
              queued.attempt(),
              result.get(1));
          channel.basicAck(tag, false);
        }
        default -> {
          // The runner changed under us (drained, filled up, new capabilities): the build goes
          // back.
          channel.basicReject(tag, true);
          return new Taken(null, (String) result.get(1));
        }
      }
    }
  }

  /**
   * Acks a message whose lease {@code claim.lua} has recorded. If its channel closed meanwhile (an
   * idle feed, a lost connection), RabbitMQ hands the message out again and the script drops it as
   * stale: the lease stands and the runner gets its job.
   */
  private static void ackRecorded(Channel channel, long tag, QueuedBuild queued)
      throws IOException {
    try {
      channel.basicAck(tag, false);
    } catch (AlreadyClosedException closed) {
      log.debug(
          "{} attempt {} claimed, but its channel closed before the ack: the redelivery will be dropped",
          queued.buildId(),
          queued.attempt());
    }
  }

  /**
   * Puts back a job whose claim answer could not be delivered, at the same attempt, and publishes
   * it again. Does nothing if the build has moved on (e.g. the runner already reported on it).
   */
  public void giveBack(String runnerId, JobView job) {
    List<Object> r =
        scripts.run(
            RETURN_CLAIM,
            keys.of(keys.build(job.buildId()), keys.runnerJobs(runnerId)),
            keys.prefix(),
            job.buildId(),
            runnerId,
            job.attempt());
    if ("returned".equals(r.getFirst())) {
      log.info(
          "returned {} attempt {} to its queue: runner {} was no longer waiting for the answer",
          job.buildId(),
          job.attempt(),
          runnerId);
      publisher.publish(
          List.of(
              new Publication(
                  job.buildId(),
                  job.attempt(),
                  (String) r.get(1),
                  Priority.fromWire((String) r.get(2)))));
    }
  }

  private static JobView toJob(QueuedBuild queued, List<Object> r) {
    return new JobView(
        queued.buildId(),
        (String) r.get(2),
        (String) r.get(3),
        Long.parseLong((String) r.get(4)),
        Platform.fromWire((String) r.get(5)),
        queued.attempt(),
        BuildStatus.ASSIGNED,
        false,
        EngineJson.read((String) r.get(6), CONFIG),
        (String) r.get(7),
        (String) r.get(8),
        (Long) r.get(1) / 1000);
  }
}
