package dev.hangar.engine.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KnownEmptyQueuesTest {

  private static final long MS = 1_000_000L;
  private static final String CLASS = "android";
  private static final String QUEUE = "ns.builds.android.normal";

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final KnownEmptyQueues empty = new KnownEmptyQueues(clock::get);

  @Test
  void aQueueNobodyLookedAtIsNotKnownEmpty() {
    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
  }

  @Test
  void anEmptyLookIsTrustedForASecond() {
    empty.markEmpty(QUEUE, empty.now());
    clock.addAndGet(KnownEmptyQueues.TRUST_NANOS);

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isTrue();
    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isTrue();
  }

  @Test
  void aSignalAfterTheLookBeganSendsEveryClaimToLookAgain() {
    long lookBegan = empty.now();
    clock.addAndGet(MS);
    empty.workArrived(CLASS);
    empty.markEmpty(QUEUE, lookBegan);

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
  }

  @Test
  void aSignalBeforeTheLookBeganChangesNothing() {
    empty.workArrived(CLASS);
    clock.addAndGet(MS);
    empty.markEmpty(QUEUE, empty.now());

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isTrue();
  }

  @Test
  void onceTrustRunsOutOneClaimLooksAgainWhileTheOthersSkip() {
    trustRunsOutAndTheFirstClaimToAskLooks();

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).as("the next ones wait for that look").isTrue();
    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isTrue();
  }

  @Test
  void aLookThatFindsWorkOpensTheQueueToEveryClaim() {
    trustRunsOutAndTheFirstClaimToAskLooks();

    empty.foundWork(QUEUE);

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
  }

  @Test
  void aSignalDuringTheRenewedLookSendsEveryClaimToLook() {
    trustRunsOutAndTheFirstClaimToAskLooks();

    clock.addAndGet(MS);
    empty.workArrived(CLASS);

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).isFalse();
  }

  /** An empty look older than the trust: the first claim to ask is told to look again. */
  private void trustRunsOutAndTheFirstClaimToAskLooks() {
    empty.markEmpty(QUEUE, empty.now());
    clock.addAndGet(KnownEmptyQueues.TRUST_NANOS + MS);

    assertThat(empty.isKnownEmpty(CLASS, QUEUE)).as("the first claim to ask looks").isFalse();
  }
}
