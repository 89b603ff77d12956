package dev.hangar.engine.runners;

import dev.hangar.engine.support.Tokens;

/**
 * A runner token as presented, not yet checked, and the runner the request path names. For calls
 * that check the token inside the script that does the work, saving the round trip of
 * {@link RunnerStore#authenticate}.
 */
public record RunnerCredentials(String pathRunnerId, String tokenHash) {

  public static RunnerCredentials of(String pathRunnerId, String token) {
    return new RunnerCredentials(pathRunnerId, Tokens.hash(token));
  }
}
