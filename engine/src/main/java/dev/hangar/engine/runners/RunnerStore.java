package dev.hangar.engine.runners;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.signals.RunnerSignals;
import dev.hangar.engine.support.EngineJson;
import dev.hangar.engine.support.Ids;
import dev.hangar.engine.support.Memo;
import dev.hangar.engine.support.Tokens;
import dev.hangar.model.Capabilities;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.RegisteredRunner;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.runners.UpdateRunnerRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Runners in Redis: registration with a hashed token, authentication, self-updates and views. */
@Component
public class RunnerStore {

  /**
   * Runners read per round trip when listing: few round trips for a long list, and no script long
   * enough to hold up the other commands waiting on Redis.
   */
  static final int READ_BATCH = 500;

  private final StringRedisTemplate redis;
  private final RegisterRunnerScript registerScript;
  private final AuthenticateRunnerScript authenticateScript;
  private final UpdateRunnerScript updateScript;
  private final ReadRunnersScript readScript;
  private final Keys keys;
  private final RedisClock clock;
  private final HangarProperties properties;
  private final RunnerSignals signals;

  /**
   * A runner's capabilities are read on every request it makes and change rarely: parse each JSON
   * once.
   */
  private final Memo<String, Capabilities> parsed =
      new Memo<>(10_000, json -> EngineJson.read(json, Capabilities.class));

  public RunnerStore(
      StringRedisTemplate redis,
      RegisterRunnerScript registerScript,
      AuthenticateRunnerScript authenticateScript,
      UpdateRunnerScript updateScript,
      ReadRunnersScript readScript,
      Keys keys,
      RedisClock clock,
      HangarProperties properties,
      RunnerSignals signals) {
    this.redis = redis;
    this.registerScript = registerScript;
    this.authenticateScript = authenticateScript;
    this.updateScript = updateScript;
    this.readScript = readScript;
    this.keys = keys;
    this.clock = clock;
    this.properties = properties;
    this.signals = signals;
  }

  public RegisteredRunner register(RegisterRunnerRequest request, String registeredBy) {
    String id = Ids.next("runner");
    String token = Tokens.generate(Tokens.RUNNER);
    String tokenHash = Tokens.hash(token);
    String name = request.name() == null || request.name().isBlank() ? id : request.name();
    long createdAt = registerScript.run(id, name, request.capabilities(), tokenHash, registeredBy);
    return new RegisteredRunner(id, name, token, RunnerStatus.ONLINE, createdAt / 1000);
  }

  /**
   * Resolves a runner token and records the contact.
   *
   * @throws EngineException 401 for a token that is unknown or revoked, 403 for another runner's
   *     path
   */
  public AuthenticatedRunner authenticate(RunnerCredentials credentials) {
    TokenOwner owner =
        authenticateScript
            .run(credentials.tokenHash())
            .orElseThrow(RunnerCredentials::unknownToken);
    AuthenticatedRunner runner =
        new AuthenticatedRunner(
            owner.runnerId(),
            credentials.tokenHash(),
            parsed.get(owner.capabilitiesJson()),
            owner.draining(),
            owner.capacity(),
            owner.capabilitiesRevision(),
            owner.jobsHeld());
    if (!runner.id().equals(credentials.pathRunnerId())) {
      throw RunnerCredentials.notYourRunner();
    }
    return runner;
  }

  public RunnerView update(String runnerId, UpdateRunnerRequest request) {
    if (!updateScript.run(runnerId, request)) {
      throw EngineException.notFound("runner_not_found", "the runner was unregistered");
    }
    // A waiting claim was matched against the runner as it was; a new name changes nothing there.
    if (request.status() != null || request.capabilities() != null) {
      signals.announce(runnerId);
    }
    return view(runnerId)
        .orElseThrow(
            () -> EngineException.notFound("runner_not_found", "the runner was unregistered"));
  }

  public Optional<RunnerView> view(String runnerId) {
    // The id becomes part of a key: "runner_x:jobs" would read the runner's job set as a hash.
    if (!Ids.looksLike("runner", runnerId)) {
      return Optional.empty();
    }
    return read(List.of(runnerId), clock.nowMillis()).stream().findFirst();
  }

  public List<RunnerView> list() {
    long now = clock.nowMillis();
    Set<String> members = redis.opsForSet().members(keys.runners());
    List<String> ids = members == null ? List.of() : List.copyOf(members);
    List<RunnerView> views = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += READ_BATCH) {
      views.addAll(read(ids.subList(from, Math.min(ids.size(), from + READ_BATCH)), now));
    }
    views.sort(Comparator.comparingLong(RunnerView::createdAt).thenComparing(RunnerView::id));
    return views;
  }

  /** The runners among {@code ids} that still exist, in one round trip. */
  private List<RunnerView> read(List<String> ids, long now) {
    return readScript.run(ids).stream().map(runner -> toView(runner, now)).toList();
  }

  private RunnerView toView(StoredRunner runner, long now) {
    Capabilities capabilities = parsed.get(runner.capabilitiesJson());
    RunnerStatus status =
        RunnerStatus.derive(
            runner.lastContactAtMillis(),
            now,
            properties.offlineAfter(),
            runner.draining(),
            runner.jobs().size(),
            capabilities.capacity());
    return new RunnerView(
        runner.id(),
        runner.name(),
        status,
        capabilities,
        runner.lastContactAtMillis() / 1000,
        runner.registeredBy(),
        runner.createdAtMillis() / 1000,
        runner.updatedAtMillis() / 1000,
        runner.jobs());
  }
}
