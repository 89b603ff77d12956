package dev.hangar.runner.config;

/**
 * What {@code register} writes and {@code run} reads: where the api-service listens and the
 * runner's identity. The token is the runner's only credential, so the file is its owner's alone.
 */
public record RunnerConfig(String url, String runnerId, String token, String name) {

  /** Never the token: a record's own toString would print it wherever this is logged. */
  @Override
  public String toString() {
    return "RunnerConfig[url=" + url + ", runner_id=" + runnerId + ", name=" + name + "]";
  }
}
