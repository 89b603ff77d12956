package dev.hangar.engine.logs;

/**
 * Part of a build's stored log.
 *
 * @param from the byte offset {@code bytes} start at
 * @param bytes the log from {@code from}, as much as was asked for and there is
 * @param length the whole log's length when it was read
 * @param complete the log is final: archived, or closed after its build ended
 * @param found the build has a log at all, live or archived
 */
public record LogSlice(long from, byte[] bytes, long length, boolean complete, boolean found) {

  /** No log, live or archived. */
  static LogSlice none(long from) {
    return new LogSlice(from, new byte[0], 0, false, false);
  }

  /** Where the next read goes on from. */
  public long next() {
    return from + bytes.length;
  }
}
