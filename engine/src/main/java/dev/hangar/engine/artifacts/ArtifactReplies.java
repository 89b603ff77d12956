package dev.hangar.engine.artifacts;

import dev.hangar.engine.redis.Reply;
import java.util.Locale;

/** The replies {@code reserve_artifact.lua} and {@code record_artifact.lua} share. */
final class ArtifactReplies {

  private ArtifactReplies() {}

  static ArtifactOutcome outcome(Reply reply) {
    return switch (reply.text(0)) {
      case "ok" ->
          reply.size() == 1
              ? new ArtifactOutcome.Reserved()
              : new ArtifactOutcome.Recorded(reply.number(1), reply.text(2));
      case "build_artifacts_too_large" -> new ArtifactOutcome.BuildFull(reply.number(1));
      default ->
          new ArtifactOutcome.Refused(
              ArtifactOutcome.Refusal.valueOf(reply.text(0).toUpperCase(Locale.ROOT)),
              reply.text(1));
    };
  }
}
