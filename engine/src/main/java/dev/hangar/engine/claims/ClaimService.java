package dev.hangar.engine.claims;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.broker.BrokerTopology;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.ConsumerChannels;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.classes.ClassRegistry;
import dev.hangar.engine.runners.AuthenticatedRunner;
import dev.hangar.engine.support.DispatchEvent;
import dev.hangar.model.CapabilityClass;
import dev.hangar.model.Priority;
import dev.hangar.model.runners.JobView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Claim = take, record, ack (ARCHITECTURE.md rule 2, with the message taken from what RabbitMQ
 * pushed ahead to this instance when it can be: {@link QueueFeeds}). Tries the runner's eligible
 * classes, {@code high} queues before {@code normal}, starting from a rotating offset so one busy
 * class cannot starve the others. The message is acked only after {@code claim.lua} recorded the
 * lease; if this instance dies in between, RabbitMQ redelivers and the script recognises the
 * duplicate.
 */
@Component
public class ClaimService {

  private static final Logger log = LoggerFactory.getLogger(ClaimService.class);

  private final ConsumerChannels channels;
  private final BrokerTopology topology;
  private final QueueNames names;
  private final ClassRegistry classes;
  private final ClaimScript claimScript;
  private final ReturnClaimScript returnClaim;
  private final HangarProperties properties;
  private final KnownEmptyQueues empty;
  private final QueueFeeds feeds;
  private final BuildPublisher publisher;
  private final AtomicInteger rotation = new AtomicInteger();
  private final ClaimMeters meters;
  private final Counter givenBack;

  public ClaimService(
      ConsumerChannels channels,
      BrokerTopology topology,
      QueueNames names,
      ClassRegistry classes,
      ClaimScript claimScript,
      ReturnClaimScript returnClaim,
      HangarProperties properties,
      KnownEmptyQueues empty,
      QueueFeeds feeds,
      BuildPublisher publisher,
      ClaimMeters claimMeters,
      MeterRegistry meters) {
    this.channels = channels;
    this.topology = topology;
    this.names = names;
    this.classes = classes;
    this.claimScript = claimScript;
    this.returnClaim = returnClaim;
    this.properties = properties;
    this.empty = empty;
    this.feeds = feeds;
    this.publisher = publisher;
    this.meters = claimMeters;
    this.givenBack = meters.counter("hangar.requeues", "reason", "claim_returned");
  }

  /**
   * A job for this runner, or empty when nothing it may run is waiting (or it is draining).
   *
   * @throws RunnerChangedException when the runner drained, changed capabilities or went away
   *     meanwhile
   */
  public Optional<JobView> claim(AuthenticatedRunner runner) {
    long started = System.nanoTime();
    ClaimMeters.Result result = ClaimMeters.Result.FAILED;
    try {
      if (runner.draining()) {
        result = ClaimMeters.Result.DRAINING;
        return Optional.empty();
      }
      if (runner.atCapacity()) {
        result = ClaimMeters.Result.AT_CAPACITY;
        throw EngineException.conflict(
            "runner_at_capacity",
            "the runner holds "
                + runner.jobsHeld()
                + " of its capacity "
                + runner.capacity()
                + " jobs");
      }
      Taken taken = take(runner);
      if (taken.change() == ClaimOutcome.Change.AT_CAPACITY) {
        result = ClaimMeters.Result.AT_CAPACITY;
        throw EngineException.conflict(
            "runner_at_capacity",
            "the runner already holds its capacity of " + runner.capacity() + " jobs");
      }
      if (taken.change() != null) {
        result = ClaimMeters.Result.RUNNER_CHANGED;
        throw new RunnerChangedException(taken.change());
      }
      if (taken.claimed() == null) {
        result = ClaimMeters.Result.EMPTY;
        return Optional.empty();
      }
      result = ClaimMeters.Result.CLAIMED;
      ClaimOutcome.Claimed claimed = taken.claimed();
      meters.dispatched(claimed.waited());
      DispatchEvent.about(log.atInfo(), claimed.buildId(), runner.id(), claimed.attempt())
          .log(
              "runner {} claimed {} attempt {} after {} ms in its queue",
              runner.id(),
              claimed.buildId(),
              claimed.attempt(),
              claimed.waited().toMillis());
      return Optional.of(claimed.job());
    } finally {
      meters.claimEnded(result, started);
    }
  }

  /** Tries the runner's eligible queues in turn until one gives it a job. */
  private Taken take(AuthenticatedRunner runner) {
    List<CapabilityClass> eligible = classes.eligible(runner.capabilities());
    if (eligible.isEmpty()) {
      return Taken.NOTHING;
    }
    int start = Math.floorMod(rotation.getAndIncrement(), eligible.size());
    Claimant claimant =
        new Claimant(runner.id(), runner.tokenHash(), runner.capabilitiesRevision());
    return channels.execute(
        channel -> {
          for (Priority priority : Priority.values()) {
            for (int i = 0; i < eligible.size(); i++) {
              String classKey = eligible.get((start + i) % eligible.size()).key();
              String queue = names.queue(classKey, priority);
              if (empty.isKnownEmpty(classKey, queue)) {
                continue;
              }
              topology.ensure(classKey);
              Taken t = takeFrom(channel, classKey, queue, claimant);
              if (t != Taken.NOTHING) {
                return t;
              }
            }
          }
          return Taken.NOTHING;
        });
  }

  /** What one queue gave: a job, the change of the runner that refused it, or nothing. */
  private record Taken(ClaimOutcome.Claimed claimed, ClaimOutcome.Change change) {
    static final Taken NOTHING = new Taken(null, null);
  }

  /**
   * Takes messages from one queue until one becomes a lease for this runner or the queue is empty.
   * Stale messages (cancelled, already claimed, superseded attempt) are acked and dropped on the
   * way; unreadable ones are rejected to the dead-letter queue.
   */
  private Taken takeFrom(Channel pooled, String classKey, String queue, Claimant claimant)
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
      ClaimOutcome outcome;
      try {
        outcome = claimScript.run(queued, claimant, properties.leaseTtl());
      } catch (RuntimeException redisFailure) {
        channel.basicReject(tag, true);
        throw redisFailure;
      }
      switch (outcome) {
        case ClaimOutcome.Claimed claimed -> {
          ackRecorded(channel, tag, queued);
          return new Taken(claimed, null);
        }
        case ClaimOutcome.Stale stale -> {
          log.debug(
              "dropped message for {} attempt {} (build is {})",
              queued.buildId(),
              queued.attempt(),
              stale.status() == null ? "gone" : stale.status().wire());
          channel.basicAck(tag, false);
        }
        case ClaimOutcome.RunnerChanged changed -> {
          // Drained, filled up, re-tooled or removed under us: the build goes back to its queue.
          channel.basicReject(tag, true);
          return new Taken(null, changed.change());
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
    returnClaim
        .run(runnerId, job.buildId(), job.attempt())
        .ifPresent(
            publication -> {
              givenBack.increment();
              DispatchEvent.about(log.atInfo(), job.buildId(), runnerId, job.attempt())
                  .log(
                      "returned {} attempt {} to its queue: runner {} was no longer waiting for the answer",
                      job.buildId(),
                      job.attempt(),
                      runnerId);
              publisher.publish(List.of(publication));
            });
  }
}
