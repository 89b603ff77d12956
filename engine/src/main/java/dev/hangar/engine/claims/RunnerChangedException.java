package dev.hangar.engine.claims;

import java.util.Locale;

/**
 * The runner changed while its claim was under way (it started draining, changed its capabilities,
 * or was removed): the claim was matched against a state that no longer holds, so it ends empty and
 * the runner asks again with its current state.
 */
public class RunnerChangedException extends RuntimeException {

  public RunnerChangedException(ClaimOutcome.Change change) {
    super(
        "the runner changed during the claim: " + change.name().toLowerCase(Locale.ROOT),
        null,
        false,
        false);
  }
}
