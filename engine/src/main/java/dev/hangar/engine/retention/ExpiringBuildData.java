package dev.hangar.engine.retention;

import java.io.IOException;

/**
 * Something an ended build keeps (its log, its artifacts) that goes when the build's retention runs
 * out, or at once when its project or pipeline is deleted. {@link RetentionSweep} calls every
 * implementation for each due build and marks the build expired only once all of them succeeded.
 */
public interface ExpiringBuildData {

  /**
   * Deletes this kind of data of the build. Idempotent: a sweep that stopped before the build was
   * marked expired calls it again, so data already gone is no error.
   */
  void expire(String buildId) throws IOException;
}
