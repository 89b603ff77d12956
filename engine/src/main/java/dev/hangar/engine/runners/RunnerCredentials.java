package dev.hangar.engine.runners;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.support.Tokens;

/**
 * A runner token as presented, not yet checked, and the runner the request path names. For calls
 * that check the token inside the script that does the work, saving the round trip of {@link
 * RunnerStore#authenticate}.
 */
public record RunnerCredentials(String pathRunnerId, String tokenHash) {

  public static RunnerCredentials of(String pathRunnerId, String token) {
    return new RunnerCredentials(pathRunnerId, Tokens.hash(token));
  }

  /** The refusal of a token that is unknown or revoked, on every runner endpoint. */
  public static EngineException unknownToken() {
    return EngineException.unauthorized("the runner token is unknown or revoked");
  }

  /** The refusal of a valid token on another runner's path, on every runner endpoint. */
  public static EngineException notYourRunner() {
    return EngineException.forbidden(
        "not_your_runner", "a runner token authorises only its own runner's endpoints");
  }
}
