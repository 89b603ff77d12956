package dev.hangar.runner.agent;

/** Room for jobs: at most the runner's capacity run at once, and a way to wait until none does. */
final class JobSlots {

  private final int capacity;
  private int busy;

  JobSlots(int capacity) {
    this.capacity = capacity;
  }

  synchronized void acquire() throws InterruptedException {
    while (busy >= capacity) {
      wait();
    }
    busy++;
  }

  synchronized boolean tryAcquire() {
    if (busy >= capacity) {
      return false;
    }
    busy++;
    return true;
  }

  synchronized void release() {
    busy--;
    notifyAll();
  }

  synchronized void awaitIdle() throws InterruptedException {
    while (busy > 0) {
      wait();
    }
  }
}
