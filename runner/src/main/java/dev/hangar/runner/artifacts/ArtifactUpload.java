package dev.hangar.runner.artifacts;

import dev.hangar.runner.api.ApiProblem;
import dev.hangar.runner.api.Retry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One artifact to the server: its file read and hashed, then streamed. An upload cut by the network
 * or refused as overloaded is sent again whole (the server keeps nothing of a cut one); one whose
 * bytes did not match their digest (the file changed while it was read) is read again from scratch,
 * once.
 */
final class ArtifactUpload {

  private static final Logger log = LoggerFactory.getLogger(ArtifactUpload.class);

  /** Sends over the network before the file counts as not uploaded: a few minutes of backoff. */
  static final int TRIES = 6;

  /** How the file is made ready, again for a fresh start. */
  @FunctionalInterface
  interface Source {
    HashedFile read() throws IOException;
  }

  private final ArtifactUploads.Destination destination;
  private final Retry retry;

  ArtifactUpload(ArtifactUploads.Destination destination, Retry retry) {
    this.destination = destination;
    this.retry = retry;
  }

  /** Sends the file; what was sent, once the server has stored it. */
  HashedFile send(String name, Source source) throws InterruptedException, IOException {
    for (boolean again = false; ; again = true) {
      HashedFile file = source.read();
      try {
        retry.untilAnswered("uploading " + name, TRIES, () -> destination.put(name, file));
        return file;
      } catch (ApiProblem problem) {
        if (again || !problem.is(400, "checksum_mismatch")) {
          throw problem;
        }
        log.warn(
            "{} arrived other than it was read ({}); reading it again", name, problem.getMessage());
      }
    }
  }
}
