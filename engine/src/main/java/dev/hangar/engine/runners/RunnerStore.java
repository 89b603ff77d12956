package dev.hangar.engine.runners;

import dev.hangar.engine.EngineException;
import dev.hangar.engine.HangarProperties;
import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.LuaScript;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.redis.Scripts;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Runners in Redis: registration with a hashed token, authentication, self-updates and views. */
@Component
public class RunnerStore {

  private static final LuaScript REGISTER_RUNNER = EngineScripts.load("register_runner");
  private static final LuaScript AUTHENTICATE_RUNNER = EngineScripts.load("authenticate_runner");
  private static final LuaScript UPDATE_RUNNER = EngineScripts.load("update_runner");
  private static final LuaScript READ_RUNNERS = EngineScripts.load("read_runners");

  /**
   * Runners read per round trip when listing; one batch keeps Redis busy for about a millisecond.
   */
  static final int READ_BATCH = 500;

  private final StringRedisTemplate redis;
  private final Scripts scripts;
  private final Keys keys;
  private final RedisClock clock;
  private final HangarProperties properties;

  /**
   * A runner's capabilities are read on every request it makes and change rarely: parse each JSON
   * once.
   */
  private final Memo<String, Capabilities> parsed =
      new Memo<>(10_000, json -> EngineJson.read(json, Capabilities.class));

  public RunnerStore(
      StringRedisTemplate redis,
      Scripts scripts,
      Keys keys,
      RedisClock clock,
      HangarProperties properties) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
    this.clock = clock;
    this.properties = properties;
  }

  public RegisteredRunner register(RegisterRunnerRequest request, String registeredBy) {
    String id = Ids.next("runner");
    String token = Tokens.generate(Tokens.RUNNER);
    String tokenHash = Tokens.hash(token);
    String name = request.name() == null || request.name().isBlank() ? id : request.name();
    Capabilities capabilities = request.capabilities();
    long createdAt =
        (Long)
            scripts
                .run(
                    REGISTER_RUNNER,
                    keys.of(keys.runner(id), keys.runnerToken(tokenHash), keys.runners()),
                    id,
                    "name",
                    name,
                    "capabilities",
                    EngineJson.write(capabilities),
                    "capacity",
                    capabilities.capacity(),
                    "token_hash",
                    tokenHash,
                    "registered_by",
                    registeredBy)
                .getFirst();
    return new RegisteredRunner(id, name, token, RunnerStatus.ONLINE, createdAt / 1000);
  }

  /**
   * Resolves a runner token and records the contact.
   *
   * @throws EngineException 401 for a token that is unknown or revoked, 403 for another runner's
   *     path
   */
  public AuthenticatedRunner authenticate(RunnerCredentials credentials) {
    String hash = credentials.tokenHash();
    List<Object> r =
        scripts.run(AUTHENTICATE_RUNNER, keys.of(keys.runnerToken(hash)), keys.prefix(), hash);
    if (r == null || r.isEmpty()) {
      throw RunnerCredentials.unknownToken();
    }
    AuthenticatedRunner runner =
        new AuthenticatedRunner(
            (String) r.get(0),
            hash,
            parsed.get((String) r.get(4)),
            "1".equals(r.get(1)),
            Integer.parseInt((String) r.get(2)),
            (String) r.get(3),
            (Long) r.get(5));
    if (!runner.id().equals(credentials.pathRunnerId())) {
      throw RunnerCredentials.notYourRunner();
    }
    return runner;
  }

  public RunnerView update(String runnerId, UpdateRunnerRequest request) {
    Capabilities capabilities = request.capabilities();
    List<Object> updated =
        scripts.run(
            UPDATE_RUNNER,
            keys.of(keys.runner(runnerId)),
            request.name() == null ? "" : request.name(),
            capabilities == null ? "" : EngineJson.write(capabilities),
            capabilities == null ? "" : capabilities.capacity(),
            request.draining().map(d -> d ? "1" : "0").orElse(""));
    if (updated == null) {
      throw EngineException.notFound("runner_not_found", "the runner was unregistered");
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
  @SuppressWarnings("unchecked")
  private List<RunnerView> read(List<String> ids, long now) {
    Object[] args = new Object[ids.size() + 1];
    args[0] = keys.prefix();
    for (int i = 0; i < ids.size(); i++) {
      args[i + 1] = ids.get(i);
    }
    List<RunnerView> views = new ArrayList<>();
    for (Object runner : scripts.run(READ_RUNNERS, List.of(), args)) {
      List<String> flat = (List<String>) ((List<Object>) runner).get(0);
      List<String> jobs = (List<String>) ((List<Object>) runner).get(1);
      if (!flat.isEmpty()) {
        views.add(toView(Scripts.hash(flat), jobs.stream().sorted().toList(), now));
      }
    }
    return views;
  }

  private RunnerView toView(Map<String, String> f, List<String> jobs, long now) {
    Capabilities capabilities = parsed.get(f.get("capabilities"));
    long lastContact = Long.parseLong(f.get("last_contact_at"));
    RunnerStatus status =
        RunnerStatus.derive(
            lastContact,
            now,
            properties.offlineAfter(),
            "1".equals(f.get("draining")),
            jobs.size(),
            capabilities.capacity());
    return new RunnerView(
        f.get("id"),
        f.get("name"),
        status,
        capabilities,
        lastContact / 1000,
        f.get("registered_by"),
        Long.parseLong(f.get("created_at")) / 1000,
        Long.parseLong(f.get("updated_at")) / 1000,
        jobs);
  }
}
