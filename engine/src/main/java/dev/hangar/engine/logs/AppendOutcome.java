package dev.hangar.engine.logs;

import java.util.Locale;

/** What {@code append_log.lua} made of a chunk. */
public sealed interface AppendOutcome {

  /** Stored, or stored already (a retry); the runner goes on from {@code received}. */
  record Appended(long received) implements AppendOutcome {}

  /** The chunk starts past what was received: the runner must send from {@code received}. */
  record Gap(long received) implements AppendOutcome {}

  /** The log moved on while the chunk was masked; read the position again. */
  record Stale(long received) implements AppendOutcome {}

  /** The log is full: it ends with the truncation marker and takes nothing more. */
  record LimitReached() implements AppendOutcome {}

  /** The runner does not hold the build's live lease; nothing was stored. */
  record Refused(Refusal refusal, String detail) implements AppendOutcome {}

  /** Why, with the codes of a status update. */
  enum Refusal {
    JOB_NOT_FOUND,
    NOT_YOUR_JOB,
    LEASE_LOST;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
