package dev.hangar.engine.deadletters;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.hangar.engine.broker.BrokerTopology;
import dev.hangar.engine.broker.BuildPublisher;
import dev.hangar.engine.broker.ConsumerChannels;
import dev.hangar.engine.broker.Publication;
import dev.hangar.engine.broker.QueueNames;
import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.support.DispatchEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Empties the dead-letter queue. A build still waiting at the dead letter's attempt goes back to
 * its queue through the outbox ({@code redrive.lua}, then ack, then publish: a crash in between
 * leaves the dead letter or the outbox entry, never neither); a dead letter whose build moved on,
 * or that is not Hangar's, is dropped. A build that keeps failing its claims comes back each time
 * its message reaches the queue's delivery limit, with a warning each time, rather than being lost.
 */
@Component
public class DeadLetterRedrive {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);
  private static final int BATCH = 500;

  private final ConsumerChannels channels;
  private final BrokerTopology topology;
  private final QueueNames names;
  private final RedriveScript redriveScript;
  private final BuildPublisher publisher;
  private final MeterRegistry meters;

  public DeadLetterRedrive(
      ConsumerChannels channels,
      BrokerTopology topology,
      QueueNames names,
      RedriveScript redriveScript,
      BuildPublisher publisher,
      MeterRegistry meters) {
    this.channels = channels;
    this.topology = topology;
    this.names = names;
    this.redriveScript = redriveScript;
    this.publisher = publisher;
    this.meters = meters;
  }

  /** Returns how many builds went back to their queues and were confirmed there. */
  public int redrive() {
    topology.ensureShared();
    List<Publication> back =
        channels.execute(
            channel -> {
              List<Publication> publications = new ArrayList<>();
              for (int i = 0; i < BATCH; i++) {
                GetResponse letter = channel.basicGet(names.deadLetterQueue(), false);
                if (letter == null) {
                  break;
                }
                sendBack(channel, letter).ifPresent(publications::add);
              }
              return publications;
            });
    return back.isEmpty() ? 0 : publisher.publish(back);
  }

  /**
   * Settles one dead letter: acked once its build has an outbox entry, or once it is known to need
   * none.
   */
  private Optional<Publication> sendBack(Channel channel, GetResponse letter) throws IOException {
    long tag = letter.getEnvelope().getDeliveryTag();
    QueuedBuild queued = QueuedBuild.read(letter.getBody()).orElse(null);
    if (queued == null) {
      log.warn("dropped an unreadable dead letter ({} bytes)", letter.getBody().length);
      channel.basicAck(tag, false);
      count("unreadable");
      return Optional.empty();
    }
    Optional<Publication> back;
    try {
      back = redriveScript.run(queued);
    } catch (RuntimeException redisFailure) {
      channel.basicReject(tag, true);
      throw redisFailure;
    }
    channel.basicAck(tag, false);
    if (back.isEmpty()) {
      count("stale");
      return back;
    }
    count("sent_back");
    meters.counter("hangar.requeues", "reason", "dead_letter").increment();
    DispatchEvent.about(log.atWarn(), queued.buildId(), null, queued.attempt())
        .log(
            "build {} attempt {} was dead-lettered while still queued; sending it back to its queue",
            queued.buildId(),
            queued.attempt());
    return back;
  }

  /**
   * Dead letters by what became of them, so an operator can alert on builds that keep coming back.
   */
  private void count(String outcome) {
    meters.counter("hangar.dead_letters", "outcome", outcome).increment();
  }
}
