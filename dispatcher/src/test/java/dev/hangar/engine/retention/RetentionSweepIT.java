package dev.hangar.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hangar.dispatch.InProcessDispatcher;
import dev.hangar.engine.builds.BuildStore;
import dev.hangar.engine.logs.LogArchive;
import dev.hangar.engine.logs.LogExpiry;
import dev.hangar.engine.projects.ProjectStore;
import dev.hangar.engine.redis.Keys;
import dev.hangar.engine.redis.RedisClock;
import dev.hangar.engine.storage.BlobStore;
import dev.hangar.engine.storage.PendingBlob;
import dev.hangar.model.Platform;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.CreatePipelineRequest;
import dev.hangar.model.projects.CreateProjectRequest;
import dev.hangar.model.projects.PipelineView;
import dev.hangar.model.projects.ProjectView;
import dev.hangar.testing.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The retention sweep against the real Redis, with the engine as the dispatcher wires it: builds
 * end through the engine's own scripts (a cancel), which file them in the retention index, and a
 * sweep run as of a later time (a clock set ahead, not a day's wait) deletes their logs and marks
 * them expired. The dispatcher's own sweep runs once at start-up and then not for an hour, so only
 * the tests' sweeps act.
 */
class RetentionSweepIT {

  private static final Duration DEFAULT_RETENTION = Duration.ofDays(2);
  private static final Duration DAY = Duration.ofDays(1);

  @TempDir static Path dataDir;
  private static TestNamespace namespace;
  private static ConfigurableApplicationContext engine;
  private static StringRedisTemplate redis;
  private static Keys keys;
  private static ProjectStore projects;
  private static BuildStore builds;
  private static BlobStore blobs;

  @BeforeAll
  static void start() {
    namespace = TestNamespace.create();
    engine =
        InProcessDispatcher.start(
            namespace,
            Map.of(
                "hangar.retention",
                DEFAULT_RETENTION.toString(),
                "hangar.log-sweep-interval",
                "1h",
                "hangar.data-dir",
                dataDir));
    redis = engine.getBean(StringRedisTemplate.class);
    keys = engine.getBean(Keys.class);
    projects = engine.getBean(ProjectStore.class);
    builds = engine.getBean(BuildStore.class);
    blobs = engine.getBean(BlobStore.class);
  }

  /** A sweep takes every due build it finds: none of a test is left for the next one's. */
  @AfterEach
  void expireEverything() {
    sweepAt(Long.MAX_VALUE);
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    namespace.close();
  }

  @Test
  void anExpiredBuildLosesItsLogAndIsMarkedAndAYoungerOneKeepsEverything() throws IOException {
    PipelineView pipeline = pipeline(1);
    String old = endedBuildWithLog(pipeline);
    long oldExpiry = expiry(old);
    assertThat(oldExpiry).isEqualTo(finishedAt(old) + DAY.toMillis());
    // Ended at least a millisecond (Redis's) later, so it expires that much later.
    RedisClock clock = engine.getBean(RedisClock.class);
    await().until(() -> clock.nowMillis() > finishedAt(old));
    String young = endedBuildWithLog(pipeline);
    assertThat(expiry(young)).isGreaterThan(oldExpiry);

    assertThat(sweepAt(oldExpiry - 1)).isZero();
    assertThat(file(old)).exists();

    assertThat(sweepAt(oldExpiry)).isEqualTo(1);

    assertThat(file(old)).doesNotExist();
    assertThat(builds.requireView(old).dataExpiredAt()).isNotNull();
    assertThat(indexed(old)).isFalse();
    assertThat(file(young)).exists();
    assertThat(builds.requireView(young).dataExpiredAt()).isNull();
    assertThat(indexed(young)).isTrue();
  }

  @Test
  void aProjectWithoutRetentionDaysFollowsTheGlobalDefault() throws IOException {
    String build = endedBuildWithLog(pipeline(null));
    long expiry = expiry(build);
    assertThat(expiry).isEqualTo(finishedAt(build) + DEFAULT_RETENTION.toMillis());

    assertThat(sweepAt(finishedAt(build) + DAY.toMillis() + 1)).isZero();
    assertThat(file(build)).exists();
    assertThat(sweepAt(expiry)).isEqualTo(1);
    assertThat(file(build)).doesNotExist();
    assertThat(builds.requireView(build).dataExpiredAt()).isNotNull();
  }

  @Test
  void manyBuildsAreSweptInBatchesAndOnesWhoseDataCannotGoWaitForTheNextPass() throws IOException {
    PipelineView pipeline = pipeline(1);
    List<String> ended = new ArrayList<>();
    for (int i = 0; i < 2 * RetentionSweep.BATCH + 50; i++) {
      ended.add(endedBuildWithLog(pipeline));
    }
    Set<String> stuck = new HashSet<>();
    for (int i = 0; i < ended.size(); i += 3) {
      stuck.add(ended.get(i));
    }
    FailingData failing = new FailingData(stuck);
    long later = expiry(ended.getLast());

    int first = sweepAt(later, failing, engine.getBean(LogExpiry.class));

    assertThat(first).isEqualTo(ended.size() - stuck.size());
    for (String build : ended) {
      boolean kept = stuck.contains(build);
      assertThat(indexed(build)).as(build).isEqualTo(kept);
      assertThat(builds.requireView(build).dataExpiredAt() == null).as(build).isEqualTo(kept);
      assertThat(Files.exists(file(build))).as(build).isEqualTo(kept);
    }

    stuck.clear();
    assertThat(sweepAt(later, failing, engine.getBean(LogExpiry.class))).isEqualTo(first / 2);
    assertThat(redis.opsForZSet().zCard(keys.retention())).isZero();
    assertThat(ended).allSatisfy(b -> assertThat(file(b)).doesNotExist());
  }

  @Test
  void aDeletedPipelinesOrProjectsEndedBuildsExpireAtTheNextSweepAndNoOtherBuild()
      throws IOException {
    PipelineView deleted = pipeline(30);
    ProjectView project = projects.requireProject(deleted.projectId());
    PipelineView sibling =
        projects.createPipeline(
            project.id(),
            new CreatePipelineRequest("q", Platform.LINUX, List.of("sibling"), Map.of(), Map.of()));
    List<String> ofDeleted = new ArrayList<>();
    for (int i = 0; i < DeletedBuildData.PAGE + 5; i++) {
      ofDeleted.add(endedBuildWithLog(deleted));
    }
    String running =
        builds
            .create(project, deleted, new CreateBuildRequest("a1b2c3d", "main", null), "user_t")
            .id();
    String ofSibling = endedBuildWithLog(sibling);
    String elsewhere = endedBuildWithLog(pipeline(30));
    RedisClock clock = engine.getBean(RedisClock.class);
    DeletedBuildData deletion = engine.getBean(DeletedBuildData.class);

    assertThat(deletion.ofPipeline(project.id(), deleted.id())).isEqualTo(ofDeleted.size());
    assertThat(sweepAt(clock.nowMillis())).isEqualTo(ofDeleted.size());

    assertThat(ofDeleted).allSatisfy(b -> assertThat(file(b)).doesNotExist());
    assertThat(ofDeleted)
        .allSatisfy(b -> assertThat(builds.requireView(b).dataExpiredAt()).isNotNull());
    assertThat(indexed(running)).isFalse();
    assertThat(file(ofSibling)).exists();
    assertThat(file(elsewhere)).exists();

    // Once the pipeline is gone (as its DELETE will remove it), a build of it that ends is due.
    redis.delete(keys.pipeline(deleted.id()));
    builds.cancel(running);
    assertThat(expiry(running)).isEqualTo(finishedAt(running));

    assertThat(deletion.ofProject(project.id())).isEqualTo(2);
    assertThat(sweepAt(clock.nowMillis())).isEqualTo(2);
    assertThat(file(ofSibling)).doesNotExist();
    assertThat(builds.requireView(ofSibling).dataExpiredAt()).isNotNull();
    assertThat(builds.requireView(running).dataExpiredAt()).isNotNull();
    assertThat(file(elsewhere)).exists();
    assertThat(builds.requireView(elsewhere).dataExpiredAt()).isNull();
    assertThat(expiry(elsewhere)).isEqualTo(finishedAt(elsewhere) + Duration.ofDays(30).toMillis());
  }

  /** Fails for the builds in {@code failFor}, as a store that is away would. */
  private record FailingData(Set<String> failFor) implements ExpiringBuildData {
    @Override
    public void expire(String buildId) throws IOException {
      if (failFor.contains(buildId)) {
        throw new IOException("the store is away");
      }
    }
  }

  private static PipelineView pipeline(Integer retentionDays) {
    ProjectView project =
        projects.createProject(
            new CreateProjectRequest("app", "https://git.example.com/app.git", retentionDays),
            "user_test");
    return projects.createPipeline(
        project.id(),
        new CreatePipelineRequest("p", Platform.LINUX, List.of("retention"), Map.of(), Map.of()));
  }

  /** A build that ended (cancelled while it waited) and whose log was archived to its file. */
  private static String endedBuildWithLog(PipelineView pipeline) throws IOException {
    ProjectView project = projects.requireProject(pipeline.projectId());
    String id =
        builds
            .create(project, pipeline, new CreateBuildRequest("a1b2c3d", "main", null), "user_t")
            .id();
    builds.cancel(id);
    try (PendingBlob log = blobs.create(LogArchive.blobKey(id))) {
      log.out().write(("log of " + id + "\n").getBytes(StandardCharsets.UTF_8));
      log.commit();
    }
    return id;
  }

  private static int sweepAt(long now, ExpiringBuildData... data) {
    RedisClock clock =
        new RedisClock(redis) {
          @Override
          public long nowMillis() {
            return now;
          }
        };
    List<ExpiringBuildData> kept =
        data.length == 0 ? List.of(engine.getBean(LogExpiry.class)) : List.of(data);
    return new RetentionSweep(redis, keys, clock, kept, engine.getBean(ExpireBuildScript.class))
        .sweep();
  }

  private static long expiry(String build) {
    Double score = redis.opsForZSet().score(keys.retention(), build);
    assertThat(score).as("%s in the retention index", build).isNotNull();
    return score.longValue();
  }

  private static boolean indexed(String build) {
    return redis.opsForZSet().score(keys.retention(), build) != null;
  }

  private static long finishedAt(String build) {
    return Long.parseLong((String) redis.opsForHash().get(keys.build(build), "finished_at"));
  }

  private static Path file(String build) {
    return dataDir
        .resolve("blobs")
        .resolve(namespace.name())
        .resolve("logs")
        .resolve(build + ".log");
  }
}
