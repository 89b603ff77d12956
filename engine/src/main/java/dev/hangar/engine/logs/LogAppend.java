package dev.hangar.engine.logs;

/**
 * A chunk of a job's output, masked and ready to store.
 *
 * @param runnerId the runner that sent it
 * @param buildId the build (job) it belongs to
 * @param attempt the attempt the runner names
 * @param offset where the chunk starts in the attempt's output, as the runner counts
 * @param length the chunk's length as the runner sent it
 * @param basedOn the bytes received when it was masked ({@link LogPosition#received()})
 * @param stored what the log gains: the chunk masked, with what the pending tail released
 * @param pending the new pending tail, sealed by the caller, or empty
 */
public record LogAppend(
    String runnerId,
    String buildId,
    int attempt,
    long offset,
    long length,
    long basedOn,
    byte[] stored,
    String pending) {}
