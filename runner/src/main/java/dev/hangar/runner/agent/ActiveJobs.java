package dev.hangar.runner.agent;

import dev.hangar.runner.job.JobRun;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The jobs this runner is running, by build id; a build is never run twice at once. */
final class ActiveJobs {

  private final ConcurrentHashMap<String, JobRun> running = new ConcurrentHashMap<>();

  /**
   * False when the build already runs here (a claim answer and a heartbeat can name the same job).
   */
  boolean add(JobRun job) {
    return running.putIfAbsent(job.buildId(), job) == null;
  }

  void remove(JobRun job) {
    running.remove(job.buildId(), job);
  }

  boolean contains(String buildId) {
    return running.containsKey(buildId);
  }

  int size() {
    return running.size();
  }

  /** Jobs the server has heard about from this runner and which are not being wrapped up. */
  Set<String> acknowledged() {
    return running.values().stream()
        .filter(job -> job.control().acknowledged() && !job.control().finishing())
        .map(JobRun::buildId)
        .collect(Collectors.toSet());
  }

  void cancel(String buildId, String reason) {
    JobRun job = running.get(buildId);
    if (job != null) {
      job.control().cancel(reason);
    }
  }

  void lose(String buildId, String reason) {
    JobRun job = running.get(buildId);
    if (job != null) {
      job.control().lose(reason);
    }
  }

  void cancelAll(String reason) {
    List.copyOf(running.values()).forEach(job -> job.control().cancel(reason));
  }

  void loseAll(String reason) {
    List.copyOf(running.values()).forEach(job -> job.control().lose(reason));
  }
}
