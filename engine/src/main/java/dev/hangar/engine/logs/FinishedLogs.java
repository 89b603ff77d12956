package dev.hangar.engine.logs;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Archives a build's log as soon as the process that ended the build (a runner's final report, a
 * user's cancel, the reaper) has done so, on a thread of its own so the answer does not wait for
 * the disk. Should it fail or the process die first, a dispatcher's sweep archives the log later.
 */
@Component
public class FinishedLogs {

  private static final Logger log = LoggerFactory.getLogger(FinishedLogs.class);

  private final LogArchive archive;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  public FinishedLogs(LogArchive archive) {
    this.archive = archive;
  }

  public void buildFinished(String buildId) {
    workers.execute(
        () -> {
          try {
            archive.archive(buildId);
          } catch (Exception e) {
            log.warn(
                "could not archive the log of {} yet ({}); a dispatcher's sweep will",
                buildId,
                e.toString());
          }
        });
  }

  /** Lets archives under way finish before the process stops. */
  @PreDestroy
  void stop() {
    workers.close();
  }
}
