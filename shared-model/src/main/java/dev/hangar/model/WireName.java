package dev.hangar.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum as the wire spells it: the constant's name in lower case ({@code
 * LEASE_EXPIRED_MAX_ATTEMPTS} is {@code lease_expired_max_attempts}), in JSON, in Redis, in queue
 * names and in metric tags alike. Jackson writes and reads that name, and only that name: {@code
 * QUEUED} is not a build status.
 */
public interface WireName {

  /** Implemented by every enum. */
  String name();

  /** Lower-cased with {@link Locale#ROOT}, so a Turkish default locale cannot turn i into ı. */
  @JsonValue
  default String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant spelt {@code wire} on the wire, if any. */
  static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String wire) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
  }

  /**
   * The constant spelt {@code wire}, for values Hangar wrote itself.
   *
   * @throws IllegalArgumentException when none is
   */
  static <E extends Enum<E> & WireName> E parse(Class<E> type, String wire) {
    return find(type, wire)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no " + type.getSimpleName() + " is spelt '" + wire + "'"));
  }

  /** Every wire name of the enum, for telling a client what it may send: {@code high, normal}. */
  static <E extends Enum<E> & WireName> String all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireName::wire)
        .collect(Collectors.joining(", "));
  }
}
