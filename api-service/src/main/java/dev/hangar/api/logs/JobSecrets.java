package dev.hangar.api.logs;

import dev.hangar.api.signing.SigningPasswords;
import dev.hangar.engine.logs.LogPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every secret the server knows for a job, as one {@link SecretMask}: the signing passwords of the
 * material its pipeline hands its builds, and the token of the runner that sends the log. Opening
 * the sealed material for every chunk would cost more than storing it, so a job's mask is kept a
 * few seconds: material uploaded during a build is masked in its log from then on.
 */
@Component
class JobSecrets {

  private static final long FRESH_NANOS = Duration.ofSeconds(10).toNanos();
  private static final int MOST_JOBS = 10_000;

  private final SigningPasswords signing;
  private final Map<String, Known> byBuild = new ConcurrentHashMap<>();

  JobSecrets(SigningPasswords signing) {
    this.signing = signing;
  }

  SecretMask mask(String buildId, LogPosition position, String runnerToken) {
    long now = System.nanoTime();
    Known known = byBuild.get(buildId);
    if (known != null
        && known.runnerToken().equals(runnerToken)
        && now - known.at() < FRESH_NANOS) {
      return known.mask();
    }
    List<String> secrets = new ArrayList<>();
    secrets.add(runnerToken);
    if (position.pipelineId().isPresent() && position.platform().isPresent()) {
      secrets.addAll(signing.of(position.pipelineId().get(), position.platform().get()));
    }
    SecretMask mask = new SecretMask(secrets);
    // Bounded the simplest way: forgetting every job only costs opening their material again.
    if (byBuild.size() >= MOST_JOBS) {
      byBuild.clear();
    }
    byBuild.put(buildId, new Known(runnerToken, mask, now));
    return mask;
  }

  private record Known(String runnerToken, SecretMask mask, long at) {}
}
