package dev.hangar.engine.logs;

import dev.hangar.engine.retention.ExpiringBuildData;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * A build's log, as retention deletes it: its file, and its Redis copy if it was never archived.
 */
@Component
public class LogExpiry implements ExpiringBuildData {

  private final CloseLogScript closeScript;
  private final DropLogScript dropScript;
  private final LogFiles files;

  public LogExpiry(CloseLogScript closeScript, DropLogScript dropScript, LogFiles files) {
    this.closeScript = closeScript;
    this.dropScript = dropScript;
    this.files = files;
  }

  @Override
  public void expire(String buildId) throws IOException {
    // Archiving it failed all along (a dispatcher's sweep would write it out later): dropped
    // unread.
    if (closeScript.run(buildId).isPresent()) {
      dropScript.run(buildId);
    }
    files.delete(buildId);
  }
}
