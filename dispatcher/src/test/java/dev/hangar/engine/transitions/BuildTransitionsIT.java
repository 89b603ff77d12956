package dev.hangar.engine.transitions;

import static dev.hangar.model.BuildTransitions.Actor.CANCEL;
import static dev.hangar.model.BuildTransitions.Actor.CLAIM;
import static dev.hangar.model.BuildTransitions.Actor.DEAD_LETTER_REDRIVE;
import static dev.hangar.model.BuildTransitions.Actor.GIVE_BACK;
import static dev.hangar.model.BuildTransitions.Actor.REAPER;
import static dev.hangar.model.BuildTransitions.Actor.RUNNER_REMOVAL;
import static dev.hangar.model.BuildTransitions.Actor.RUNNER_REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.engine.broker.QueuedBuild;
import dev.hangar.engine.builds.CancelScript;
import dev.hangar.engine.claims.ClaimScript;
import dev.hangar.engine.claims.Claimant;
import dev.hangar.engine.claims.ReturnClaimScript;
import dev.hangar.engine.deadletters.RedriveScript;
import dev.hangar.engine.leases.ReapScript;
import dev.hangar.engine.leases.ReportScript;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisScripts;
import dev.hangar.engine.redis.ScriptRunner;
import dev.hangar.engine.runners.DeleteRunnerScript;
import dev.hangar.engine.runners.RegisterRunnerScript;
import dev.hangar.engine.support.Ids;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.BuildTransitions;
import dev.hangar.model.BuildTransitions.Actor;
import dev.hangar.model.Capabilities;
import dev.hangar.model.Platform;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.testing.HangarNamespaceExtension;
import dev.hangar.testing.TestNamespace;
import dev.hangar.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The engine's scripts against {@link BuildTransitions}: for every actor, from every status, the
 * actor's script runs (through its typed type) on a build put straight into that status, with
 * everything else the script checks in its favour (the runner holds the lease, the message names
 * the current attempt, the lease expired …). The build must end exactly where the table says, or,
 * where the table allows nothing, the script must leave it as it was. So the Lua scripts, which
 * enforce the moves, and the table cannot disagree.
 */
@ExtendWith(HangarNamespaceExtension.class)
class BuildTransitionsIT {

  private static final int MAX_ATTEMPTS = 3;
  private static final Duration LEASE_TTL = Duration.ofMinutes(10);
  private static final Duration RETENTION = Duration.ofDays(30);

  private static LettuceConnectionFactory connections;
  private static StringRedisTemplate redis;
  private static ScriptRunner scripts;

  /**
   * What the script is asked to do beyond the build's status: for actors whose outcome depends on
   * the build (a lost lease ends in a requeue, a cancel or a failure), the condition that picks the
   * outcome; for a runner's report, the status reported.
   */
  enum Condition {
    NONE,
    CANCEL_REQUESTED,
    LAST_ATTEMPT
  }

  /**
   * One run of one actor's script on a build in {@code from}.
   *
   * @param target the status the actor is asked for or led to; null when the actor's script takes
   *     no choice, so the table's one move from {@code from}, if any, is the one expected
   */
  record Scenario(Actor actor, BuildStatus from, BuildStatus target, Condition condition) {

    /** Where the table says the build must end, or empty when it must be left as it was. */
    Optional<BuildStatus> expected() {
      if (target != null) {
        return BuildTransitions.allows(actor, from, target)
            ? Optional.of(target)
            : Optional.empty();
      }
      List<BuildStatus> moves =
          BuildTransitions.all().stream()
              .filter(t -> t.actor() == actor && t.from() == from)
              .map(BuildTransitions.Transition::to)
              .toList();
      assertThat(moves)
          .as("%s takes no choice, so one move at most from %s", actor, from)
          .hasSizeLessThanOrEqualTo(1);
      return moves.stream().findFirst();
    }

    @Override
    public String toString() {
      String asked = target == null ? "" : " asked for " + target.wire();
      String when =
          condition == Condition.NONE ? "" : ", " + condition.name().toLowerCase(Locale.ROOT);
      return actor + " from " + from.wire() + asked + when;
    }
  }

  static Stream<Scenario> scenarios() {
    List<Scenario> scenarios = new ArrayList<>();
    for (BuildStatus from : BuildStatus.values()) {
      for (Actor actor : List.of(CLAIM, CANCEL, GIVE_BACK, DEAD_LETTER_REDRIVE)) {
        scenarios.add(new Scenario(actor, from, null, Condition.NONE));
      }
      for (BuildStatus reported : BuildStatus.values()) {
        scenarios.add(new Scenario(RUNNER_REPORT, from, reported, Condition.NONE));
      }
      for (Actor actor : List.of(REAPER, RUNNER_REMOVAL)) {
        scenarios.add(new Scenario(actor, from, BuildStatus.QUEUED, Condition.NONE));
        scenarios.add(new Scenario(actor, from, BuildStatus.CANCELLED, Condition.CANCEL_REQUESTED));
        scenarios.add(new Scenario(actor, from, BuildStatus.FAILED, Condition.LAST_ATTEMPT));
      }
    }
    return scenarios.stream();
  }

  @BeforeAll
  static void connect() {
    connections = new LettuceConnectionFactory(TestServices.host(), TestServices.redisPort());
    connections.afterPropertiesSet();
    connections.start();
    redis = new StringRedisTemplate(connections);
    scripts = new RedisScripts(redis);
  }

  @AfterAll
  static void disconnect() {
    connections.destroy();
  }

  @Test
  void theScenariosReachEveryMoveOfTheTable() {
    Set<String> reached =
        scenarios()
            .flatMap(s -> s.expected().map(to -> s.actor() + " " + s.from() + "->" + to).stream())
            .collect(Collectors.toSet());
    Set<String> table =
        BuildTransitions.all().stream()
            .map(t -> t.actor() + " " + t.from() + "->" + t.to())
            .collect(Collectors.toSet());
    assertThat(reached).isEqualTo(table);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theScriptMovesTheBuildExactlyAsTheTableSays(Scenario scenario, TestNamespace namespace) {
    // A namespace of the scenario's own inside the test's: the reaper takes every due lease it
    // finds, and no other scenario's may be among them.
    Keys keys =
        new Keys(namespace.name() + ":" + scenario.toString().replaceAll("[^A-Za-z]+", "-"));
    String runnerId = register(keys);
    int attempt = scenario.condition() == Condition.LAST_ATTEMPT ? MAX_ATTEMPTS : 1;
    String build =
        new StoredBuild(
                scenario.from(),
                runnerId,
                attempt,
                scenario.condition() == Condition.CANCEL_REQUESTED,
                scenario.actor() == REAPER)
            .store(redis, keys);
    BuildState before = BuildState.read(redis, keys, build);

    act(scenario, keys, runnerId, build, attempt);

    BuildState after = BuildState.read(redis, keys, build);
    Optional<BuildStatus> expected = scenario.expected();
    if (expected.isPresent()) {
      assertThat(after.status()).as("%s: the status after", scenario).isEqualTo(expected.get());
      assertThat(after).as("%s: the build was changed", scenario).isNotEqualTo(before);
    } else {
      assertThat(after).as("%s: refused, so nothing changed", scenario).isEqualTo(before);
    }
    assertThat(countMoves(keys))
        .as("%s: the count of builds by status moved with the build", scenario)
        .isEqualTo(
            after.status() == scenario.from()
                ? Map.of()
                : Map.of(scenario.from().wire(), -1L, after.status().wire(), 1L));
  }

  /**
   * The builds-by-status counts the script changed, as the build was stored without counting it: -1
   * for the status it left, +1 for the one it entered, nothing for a move to the same status.
   */
  private static Map<String, Long> countMoves(Keys keys) {
    return redis.opsForHash().entries(keys.buildCounts()).entrySet().stream()
        .filter(e -> Long.parseLong(e.getValue().toString()) != 0)
        .collect(
            Collectors.toMap(
                e -> e.getKey().toString(), e -> Long.parseLong(e.getValue().toString())));
  }

  /** Runs the actor's script as the engine calls it, everything but the status in its favour. */
  private static void act(
      Scenario scenario, Keys keys, String runnerId, String build, int attempt) {
    Claimant claimant = new Claimant(runnerId, tokenHash(runnerId), "1");
    switch (scenario.actor()) {
      case CLAIM ->
          new ClaimScript(scripts, keys).run(new QueuedBuild(build, attempt), claimant, LEASE_TTL);
      case RUNNER_REPORT ->
          new ReportScript(scripts, keys)
              .run(
                  runnerId,
                  build,
                  new StatusUpdate(scenario.target(), attempt, null, null, null, null),
                  LEASE_TTL,
                  RETENTION);
      case REAPER -> {
        // A build that is not held has no deadline entry of its own: a stale one tempts the reaper.
        redis.opsForZSet().addIfAbsent(keys.leases(), build, 0);
        new ReapScript(scripts, keys).run(10, MAX_ATTEMPTS, RETENTION);
      }
      case CANCEL -> new CancelScript(scripts, keys).run(build, RETENTION);
      case RUNNER_REMOVAL -> {
        // Likewise a stale entry in the runner's job set for a build it no longer holds.
        redis.opsForSet().add(keys.runnerJobs(runnerId), build);
        new DeleteRunnerScript(scripts, keys).run(runnerId, MAX_ATTEMPTS, RETENTION);
      }
      case GIVE_BACK -> new ReturnClaimScript(scripts, keys).run(runnerId, build, attempt);
      case DEAD_LETTER_REDRIVE ->
          new RedriveScript(scripts, keys).run(new QueuedBuild(build, attempt));
    }
  }

  /** A runner with room for many jobs, at capabilities revision 1. */
  private static String register(Keys keys) {
    String runnerId = Ids.next("runner");
    new RegisterRunnerScript(scripts, keys)
        .run(
            runnerId,
            "runner",
            new Capabilities(List.of(Platform.LINUX), Map.of(), List.of(), 10),
            tokenHash(runnerId),
            Ids.next("user"));
    return runnerId;
  }

  private static String tokenHash(String runnerId) {
    return "token-of-" + runnerId;
  }

  /**
   * What a move changes: the build's hash, its attempt history, its outbox entries and its place in
   * the waiting index. The deadline index and the runner's job set are left out: a script may drop
   * a stale entry there without moving the build.
   */
  record BuildState(
      Map<Object, Object> fields, List<String> attempts, Set<String> outbox, Double waitingSince) {

    static BuildState read(StringRedisTemplate redis, Keys keys, String build) {
      Set<String> outbox =
          redis.opsForZSet().range(keys.outbox(), 0, -1).stream()
              .filter(member -> member.startsWith(build + ":"))
              .collect(Collectors.toSet());
      return new BuildState(
          redis.opsForHash().entries(keys.build(build)),
          redis.opsForList().range(keys.attempts(build), 0, -1),
          outbox,
          redis.opsForZSet().score(keys.waiting(StoredBuild.CLASS_KEY), build));
    }

    BuildStatus status() {
      return BuildStatus.fromWire((String) fields.get("status"));
    }
  }
}
