package dev.hangar.runner.output;

/**
 * Where a job's output goes, line by line, tagged with the step that printed it: the runner's own
 * log ({@link LogSink}) and the server's live log ({@link LogShipper}).
 */
public interface OutputSink {

  void line(String step, String text);

  /** A step begins; its lines follow. */
  default void stepStarted(String step) {}

  /** Both sinks, each line to one and then the other. */
  static OutputSink both(OutputSink first, OutputSink second) {
    return new OutputSink() {
      @Override
      public void line(String step, String text) {
        first.line(step, text);
        second.line(step, text);
      }

      @Override
      public void stepStarted(String step) {
        first.stepStarted(step);
        second.stepStarted(step);
      }
    };
  }
}
