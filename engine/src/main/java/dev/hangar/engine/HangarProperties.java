package dev.hangar.engine;

import static dev.hangar.engine.startup.SettingCheck.require;
import static dev.hangar.engine.startup.SettingCheck.requireTimer;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hangar's own settings, bound from {@code HANGAR_*} environment variables. A bad value stops
 * start-up with a message naming the variable (see {@link
 * dev.hangar.engine.startup.StartupFailure}).
 *
 * @param namespace prefix of every Redis key, exchange and queue; two namespaces never meet
 * @param leaseTtl how long a claim or renewal keeps a job with its runner
 * @param heartbeatInterval how often runners are told to heartbeat
 * @param offlineAfter silence after which a runner shows {@code offline}; default three intervals
 * @param maxAttempts lost leases after which a build fails instead of being requeued
 * @param queueType quorum (replicated, the default) or classic queues for new capability classes
 * @param reapInterval how often a dispatcher looks for expired leases
 * @param reapBatch most leases ended by one reap call, to keep each Redis script short
 * @param outboxGrace age at which an unpublished outbox entry is republished by a dispatcher
 * @param retention how long an ended build's log and artifacts are kept when its project sets no
 *     {@code retention_days} of its own
 */
@ConfigurationProperties("hangar")
public record HangarProperties(
    @DefaultValue("hangar") String namespace,
    @DefaultValue("60s") Duration leaseTtl,
    @DefaultValue("15s") Duration heartbeatInterval,
    Duration offlineAfter,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("quorum") QueueType queueType,
    @DefaultValue("250ms") Duration reapInterval,
    @DefaultValue("200") int reapBatch,
    @DefaultValue("5s") Duration outboxGrace,
    @DefaultValue("30d") Duration retention) {

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  public HangarProperties {
    require(
        NAMESPACE.matcher(namespace).matches(),
        "HANGAR_NAMESPACE",
        namespace,
        "1-64 characters of [A-Za-z0-9_-]");
    require(
        heartbeatInterval.toSeconds() >= 1,
        "HANGAR_HEARTBEAT_INTERVAL",
        heartbeatInterval,
        "at least 1s");
    require(
        leaseTtl.compareTo(heartbeatInterval) > 0,
        "HANGAR_LEASE_TTL",
        leaseTtl,
        "longer than HANGAR_HEARTBEAT_INTERVAL ("
            + heartbeatInterval.toSeconds()
            + "s), or every lease would lapse between heartbeats");
    require(
        maxAttempts >= 1 && maxAttempts <= 100,
        "HANGAR_MAX_ATTEMPTS",
        maxAttempts,
        "between 1 and 100");
    offlineAfter = offlineAfter == null ? heartbeatInterval.multipliedBy(3) : offlineAfter;
    require(offlineAfter.isPositive(), "HANGAR_OFFLINE_AFTER", offlineAfter, "positive");
    requireTimer("HANGAR_REAP_INTERVAL", reapInterval);
    require(
        reapBatch >= 1 && reapBatch <= 5000, "HANGAR_REAP_BATCH", reapBatch, "between 1 and 5000");
    require(!outboxGrace.isNegative(), "HANGAR_OUTBOX_GRACE", outboxGrace, "zero or more");
    require(
        retention.compareTo(Duration.ofHours(1)) >= 0,
        "HANGAR_RETENTION",
        retention,
        "at least 1h");
  }

  public enum QueueType {
    QUORUM,
    CLASSIC
  }
}
