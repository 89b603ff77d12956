package dev.hangar.engine.broker;

import dev.hangar.engine.HangarProperties;
import dev.hangar.model.Priority;

/**
 * Names on the broker: one direct exchange per namespace, and per capability class one queue per
 * priority (quorum queues have no message priority, so {@code high} gets a queue of its own).
 */
public final class QueueNames {

  private final String namespace;

  public QueueNames(HangarProperties properties) {
    this(properties.namespace());
  }

  public QueueNames(String namespace) {
    this.namespace = namespace;
  }

  public String exchange() {
    return namespace + ".builds";
  }

  public String deadLetterExchange() {
    return namespace + ".builds.dlx";
  }

  public String deadLetterQueue() {
    return namespace + ".builds.dead";
  }

  public String queue(String classKey, Priority priority) {
    return namespace + ".builds." + routingKey(classKey, priority);
  }

  public String routingKey(String classKey, Priority priority) {
    return classKey + "." + priority.wire();
  }
}
