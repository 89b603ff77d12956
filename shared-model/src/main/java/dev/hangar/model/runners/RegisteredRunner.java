package dev.hangar.model.runners;

import dev.hangar.model.RunnerStatus;

/** Answer to register: the runner token is shown only here. */
public record RegisteredRunner(
    String id, String name, String token, RunnerStatus status, long createdAt) {

  /** Never the secret: a record's own toString would print it wherever this is logged. */
  @Override
  public String toString() {
    return "RegisteredRunner[id=" + id + ", name=" + name + "]";
  }
}
