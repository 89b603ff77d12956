package dev.hangar.runner.output;

/**
 * Where a job's output goes, line by line, tagged with the step that printed it. Today the runner's
 * own log ({@link LogSink}); a shipper to the server's live log can implement the same.
 */
public interface OutputSink {

  void line(String step, String text);
}
