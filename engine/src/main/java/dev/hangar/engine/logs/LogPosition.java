package dev.hangar.engine.logs;

import dev.hangar.model.Platform;
import java.util.Optional;

/**
 * Where a build's live log stands for one attempt, and what masking needs to know of the build.
 *
 * @param pipelineId the build's pipeline; empty when there is no such build
 * @param platform the build's platform; empty when there is no such build
 * @param received the bytes of the attempt's output stored so far
 * @param pending the sealed tail held back from the last chunk as the possible start of a secret,
 *     or empty
 */
public record LogPosition(
    Optional<String> pipelineId, Optional<Platform> platform, long received, String pending) {}
