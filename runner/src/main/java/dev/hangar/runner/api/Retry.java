package dev.hangar.runner.api;

import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a call while the server cannot be reached or answers that it is overloaded, pausing by a
 * {@link Backoff}; any other answer, including every refusal, goes back to the caller. Interrupting
 * the calling thread ends the waiting.
 */
public final class Retry {

  private static final Logger log = LoggerFactory.getLogger(Retry.class);

  private final Backoff backoff;
  private final RandomGenerator random = RandomGenerator.getDefault();

  public Retry(Backoff backoff) {
    this.backoff = backoff;
  }

  /** A call to the server that a retry may repeat. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws InterruptedException;
  }

  public <T> T untilAnswered(String what, Call<T> call) throws InterruptedException {
    return untilAnswered(what, Integer.MAX_VALUE, call);
  }

  /**
   * As {@link #untilAnswered(String, Call)}, but after {@code tries} calls in all the last failure
   * is thrown: for work that must end some time even when the server never takes it.
   */
  public <T> T untilAnswered(String what, int tries, Call<T> call) throws InterruptedException {
    for (int failures = 1; ; failures++) {
      try {
        return call.call();
      } catch (ServerUnreachable | ApiProblem e) {
        if (e instanceof ApiProblem problem && !problem.isTransient() || failures >= tries) {
          throw e;
        }
        Duration delay = backoff.delay(failures, random);
        log.warn("{} failed ({}); trying again in {}", what, e.getMessage(), seconds(delay));
        Thread.sleep(delay);
      }
    }
  }

  static String seconds(Duration delay) {
    return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
  }
}
