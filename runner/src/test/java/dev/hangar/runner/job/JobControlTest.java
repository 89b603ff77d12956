package dev.hangar.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cancel reaches an artifact upload, which has no process to signal, through an interrupt. */
class JobControlTest {

  private final JobControl control = new JobControl(Duration.ofSeconds(1));
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread worker =
      Thread.ofPlatform()
          .start(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  interrupted.set(true);
                }
              });

  @AfterEach
  void endTheWorker() throws InterruptedException {
    release.countDown();
    worker.join(5_000);
  }

  @Test
  void aCancelDuringAnUploadInterruptsTheJobsThread() {
    control.runsOn(worker);
    control.uploading(true);

    control.cancel("the build was cancelled");

    await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    assertThat(control.cancelled()).isTrue();
  }

  @Test
  void anUploadStartingAfterACancelIsInterruptedAtOnce() {
    control.runsOn(worker);
    control.cancel("the build was cancelled");

    control.uploading(true);

    await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
  }

  @Test
  void aCancelOutsideAnUploadLeavesTheThreadAlone() throws InterruptedException {
    control.runsOn(worker);
    control.uploading(true);
    control.uploading(false);

    control.cancel("the build was cancelled");
    release.countDown();
    worker.join(5_000);

    assertThat(interrupted).isFalse();
  }
}
