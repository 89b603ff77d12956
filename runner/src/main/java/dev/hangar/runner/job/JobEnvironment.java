package dev.hangar.runner.job;

import dev.hangar.model.runners.ClaimAnswer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a job's commands see: the runner's own (PATH, HOME, ANDROID_HOME …) without the
 * session token {@code register} may have been given, then what says which build this is, the
 * caches shared across jobs, the signing variables, and last the step's own {@code env}.
 */
final class JobEnvironment {

  /**
   * Never handed to a build: it would let any build act as the person who registered the runner.
   */
  static final String SESSION_TOKEN = "HANGAR_TOKEN";

  private JobEnvironment() {}

  static Map<String, String> base(Map<String, String> runnerEnv) {
    Map<String, String> env = new HashMap<>(runnerEnv);
    env.remove(SESSION_TOKEN);
    return env;
  }

  static Map<String, String> forJob(
      Map<String, String> base, ClaimAnswer job, String commitSha, Path cacheDir) {
    Map<String, String> env = new HashMap<>(base);
    env.put("CI", "true");
    env.put("HANGAR_BUILD_ID", job.buildId());
    env.put("HANGAR_BUILD_NUMBER", Long.toString(job.buildNumber()));
    env.put("HANGAR_ATTEMPT", Integer.toString(job.attempt()));
    env.put("HANGAR_COMMIT_SHA", commitSha);
    env.put("HANGAR_BRANCH", job.branch() == null ? "" : job.branch());
    env.put("HANGAR_PLATFORM", job.platform().wire());
    env.put("PUB_CACHE", cacheDir.resolve("pub").toString());
    env.put("GRADLE_USER_HOME", cacheDir.resolve("gradle").toString());
    return env;
  }

  static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
    Map<String, String> combined = new HashMap<>(env);
    combined.putAll(more);
    return combined;
  }
}
