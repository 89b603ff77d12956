package dev.hangar.runner.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the rest of the runner stops a job that runs on its own thread. {@link #cancel} is the polite
 * stop (the build was cancelled, or the runner was told to stop twice): SIGTERM to the running
 * command, SIGKILL after the grace period, or an artifact upload abandoned, then the job reports
 * {@code cancelled}. {@link #lose} is for a job this runner no longer holds: SIGKILL at once, and
 * no further word to the server, since another runner may hold the build by now.
 */
public final class JobControl {

  private enum Stop {
    NONE,
    CANCEL,
    LOSE
  }

  private final Duration grace;
  private Stop stop = Stop.NONE;
  private String reason = "";
  private boolean acknowledged;
  private boolean finishing;
  private boolean uploading;
  private Thread worker;
  private StepProcess current;
  private final List<StepProcess> started = new ArrayList<>();

  public JobControl(Duration grace) {
    this.grace = grace;
  }

  public synchronized void cancel(String why) {
    if (stop != Stop.NONE || finishing) {
      return;
    }
    stop = Stop.CANCEL;
    reason = why;
    if (current != null) {
      current.stop(grace);
    }
    if (uploading && worker != null) {
      worker.interrupt();
    }
  }

  /** Ignored once the final report is on its way: the job has nothing left to stop or to say. */
  public synchronized void lose(String why) {
    if (stop == Stop.LOSE || finishing) {
      return;
    }
    stop = Stop.LOSE;
    reason = why;
    if (current != null) {
      current.kill();
    }
    if (worker != null) {
      worker.interrupt();
    }
  }

  synchronized void runsOn(Thread thread) {
    worker = thread;
    if (stop == Stop.LOSE) {
      thread.interrupt();
    }
  }

  /** The command now running; a stop asked for before it started applies to it at once. */
  synchronized void attach(StepProcess process) {
    current = process;
    started.add(process);
    if (stop == Stop.CANCEL) {
      process.stop(grace);
    } else if (stop == Stop.LOSE) {
      process.kill();
    }
  }

  synchronized void detach() {
    current = null;
  }

  /**
   * Artifacts are being uploaded (or stop being): an upload has no process to signal, so a cancel
   * meanwhile interrupts the job's thread, which abandons it.
   */
  synchronized void uploading(boolean on) {
    uploading = on;
    if (on && stop == Stop.CANCEL && worker != null) {
      worker.interrupt();
    }
  }

  synchronized List<StepProcess> started() {
    return List.copyOf(started);
  }

  public synchronized boolean stopping() {
    return stop != Stop.NONE;
  }

  public synchronized boolean cancelled() {
    return stop == Stop.CANCEL;
  }

  public synchronized boolean lost() {
    return stop == Stop.LOSE;
  }

  public synchronized String reason() {
    return reason;
  }

  /** The server accepted a report on the job, so from now on heartbeats renew its lease. */
  synchronized void acknowledge() {
    acknowledged = true;
  }

  public synchronized boolean acknowledged() {
    return acknowledged;
  }

  /** Marks the final report as under way; false when the job was lost and must not be reported. */
  synchronized boolean beginFinishing() {
    if (stop == Stop.LOSE) {
      return false;
    }
    finishing = true;
    return true;
  }

  public synchronized boolean finishing() {
    return finishing;
  }
}
