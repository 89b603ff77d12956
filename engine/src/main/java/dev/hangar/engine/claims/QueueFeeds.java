package dev.hangar.engine.claims;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.hangar.engine.signals.WorkSignals;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Messages RabbitMQ pushes ahead to this instance for the queues its claims are busy taking from,
 * so such a claim takes a message that is already here instead of paying a {@code basic.get} round
 * trip, which is a large part of a claim's work both in this JVM and in RabbitMQ.
 *
 * <p>A queue gets a feed (a consumer with manual ack and a prefetch of {@link #PREFETCH}, on a
 * channel of its own) when a {@code basic.get} on it found a message. A feed no claim has looked at
 * for {@link #IDLE} closes its channel: RabbitMQ puts the messages it still held back in the queue,
 * and a work signal sends the runners waiting on every instance to look. So a build pushed to an
 * instance whose runners stopped asking waits there that long at most (a claim elsewhere with
 * {@code wait=0} meanwhile finds nothing). Every such hand-back counts toward the queue's delivery
 * limit. A claim whose get finds the queue empty while this instance consumes it waits up to {@link
 * #IN_FLIGHT} for a message RabbitMQ has just given the feed. A message is acked only after {@code
 * claim.lua} recorded the lease, as with a get; if this instance or its connection dies first,
 * RabbitMQ redelivers it and the script sees the duplicate.
 */
@Component
public class QueueFeeds implements DisposableBean {

  /** Per queue and instance: enough for the claims one instance runs at once. */
  static final int PREFETCH = 32;

  /** Long enough to ride out the gaps between one runner's claims, short beside a lease. */
  public static final Duration IDLE = Duration.ofMillis(250);

  /**
   * How long a claim that found the queue empty waits for a message already given to this instance.
   */
  static final Duration IN_FLIGHT = Duration.ofMillis(10);

  private static final Logger log = LoggerFactory.getLogger(QueueFeeds.class);

  /** A message taken for a claim, and the channel its ack or reject must go to. */
  public record Taken(Channel channel, long deliveryTag, byte[] body) {}

  private final ConnectionFactory connections;
  private final KnownEmptyQueues empty;
  private final WorkSignals signals;
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final ScheduledExecutorService idleCloser =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("hangar-feed-idle").factory());
  private volatile Consumer<String> deliveryListener = classKey -> {};

  public QueueFeeds(ConnectionFactory connections, KnownEmptyQueues empty, WorkSignals signals) {
    this.connections = connections;
    this.empty = empty;
    this.signals = signals;
    long period = IDLE.toMillis() / 5;
    idleCloser.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Who hears, with the class's key, that a message was pushed to this instance (its waiting
   * runners).
   */
  public void onDelivery(Consumer<String> listener) {
    this.deliveryListener = listener;
  }

  /**
   * The next message of {@code queue} for a claim: one this instance holds already, else one from a
   * {@code basic.get} on {@code pooled}. Empty when the queue has none.
   */
  public Optional<Taken> take(Channel pooled, String classKey, String queue) throws IOException {
    Feed feed = feeds.get(queue);
    if (feed != null) {
      Optional<Taken> held = feed.next(Duration.ZERO);
      if (held.isPresent()) {
        return held;
      }
    }
    GetResponse got = pooled.basicGet(queue, false);
    if (got == null) {
      // The get may have missed a message RabbitMQ has just given the feed: it is on its way, and
      // without this wait a build created and claimed at once could be answered 204.
      return feed == null ? Optional.empty() : feed.next(IN_FLIGHT);
    }
    if (feed == null) {
      open(classKey, queue);
    }
    return Optional.of(new Taken(pooled, got.getEnvelope().getDeliveryTag(), got.getBody()));
  }

  private void open(String classKey, String queue) {
    feeds.computeIfAbsent(
        queue,
        q -> {
          Channel channel = null;
          try {
            channel = connections.createConnection().getDelegate().createChannel();
            Feed feed = new Feed(classKey, queue, channel, System.nanoTime());
            channel.basicQos(PREFETCH);
            channel.addShutdownListener(cause -> feeds.remove(q, feed));
            channel.basicConsume(q, false, feed);
            return feed;
          } catch (IOException | RuntimeException e) {
            // The claim has its message already; without a feed the next ones come by basic.get.
            log.debug("no feed for {}: {}", q, e.toString());
            if (channel != null) {
              closeQuietly(channel);
            }
            return null;
          }
        });
  }

  /**
   * Closes the feeds no claim has looked at for {@link #IDLE}. What they held goes back to the
   * queue, and the runners waiting anywhere for those classes are told to look.
   */
  private void closeIdle() {
    long now = System.nanoTime();
    Set<String> handedBack = new HashSet<>();
    feeds.forEach(
        (queue, feed) -> {
          if (feed.idleSince(now) && feeds.remove(queue, feed)) {
            if (feed.holdsAny()) {
              handedBack.add(feed.classKey);
            }
            feed.close();
          }
        });
    try {
      signals.announce(handedBack);
    } catch (RuntimeException redisAway) {
      // The waiters' recheck finds the builds all the same.
      log.debug("could not announce handed-back builds: {}", redisAway.toString());
    }
  }

  @Override
  public void destroy() {
    idleCloser.shutdownNow();
    feeds.values().forEach(Feed::close);
    feeds.clear();
  }

  /** One queue's consumer on this instance and the messages it was given that no claim took yet. */
  private final class Feed extends DefaultConsumer {
    private final String classKey;
    private final String queue;
    private final BlockingQueue<Taken> held = new LinkedBlockingQueue<>();
    private volatile long lastLook;

    Feed(String classKey, String queue, Channel channel, long now) {
      super(channel);
      this.classKey = classKey;
      this.queue = queue;
      this.lastLook = now;
    }

    /** The next message this feed holds, or is given within {@code wait}. */
    Optional<Taken> next(Duration wait) {
      lastLook = System.nanoTime();
      try {
        Taken taken = held.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        // Messages of a channel that closed went back to RabbitMQ with it: they are not ours to
        // ack.
        return taken != null && getChannel().isOpen() ? Optional.of(taken) : Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    boolean holdsAny() {
      return !held.isEmpty();
    }

    boolean idleSince(long now) {
      return now - lastLook > IDLE.toNanos();
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      held.add(new Taken(getChannel(), envelope.getDeliveryTag(), body));
      // This queue only: a class-wide work signal per message would send every claim under way to
      // look at the class's other, empty queue again, a broker round trip each. A look that ends
      // empty after this message arrived is undone by the publish's own work signal, or else when
      // the feed, left unlooked-at, closes and announces what it held.
      empty.foundWork(queue);
      deliveryListener.accept(classKey);
    }

    @Override
    public void handleCancel(String consumerTag) {
      // The queue was deleted: nothing more will come.
      if (feeds.remove(queue, this)) {
        close();
      }
    }

    void close() {
      closeQuietly(getChannel());
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException alreadyClosed) {
      // Closed with its connection: what it held went back all the same.
    }
  }
}
