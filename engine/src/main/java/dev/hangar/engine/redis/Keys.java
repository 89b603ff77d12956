package dev.hangar.engine.redis;

import dev.hangar.engine.HangarProperties;

/**
 * The engine's Redis keys, under the namespace prefix. The engine's Lua scripts derive the same
 * names. Keys only the api-service uses are its own (ApiKeys there).
 */
public final class Keys {

  private final String prefix;

  public Keys(HangarProperties properties) {
    this(properties.namespace());
  }

  public Keys(String namespace) {
    this.prefix = namespace + ":";
  }

  /** Passed to scripts that reach keys named inside them. */
  public String prefix() {
    return prefix;
  }

  public String build(String id) {
    return prefix + "build:" + id;
  }

  public String attempts(String buildId) {
    return build(buildId) + ":attempts";
  }

  public String leases() {
    return prefix + "leases";
  }

  public String outbox() {
    return prefix + "outbox";
  }

  /** Queued builds of one capability class, by the time they started waiting. */
  public String waiting(String classKey) {
    return prefix + "waiting:" + classKey;
  }

  /** How many builds are in each status, kept by the scripts that move builds. */
  public String buildCounts() {
    return prefix + "builds:by-status";
  }

  public String runner(String id) {
    return prefix + "runner:" + id;
  }

  public String runnerJobs(String id) {
    return runner(id) + ":jobs";
  }

  public String runners() {
    return prefix + "runners";
  }

  public String runnerToken(String tokenHash) {
    return prefix + "runner-token:" + tokenHash;
  }

  public String classes() {
    return prefix + "classes";
  }

  public String project(String id) {
    return prefix + "project:" + id;
  }

  public String projects() {
    return prefix + "projects";
  }

  public String projectPipelines(String projectId) {
    return project(projectId) + ":pipelines";
  }

  public String projectBuilds(String projectId) {
    return project(projectId) + ":builds";
  }

  public String projectBuildCounter(String projectId) {
    return project(projectId) + ":build-counter";
  }

  public String pipeline(String id) {
    return prefix + "pipeline:" + id;
  }

  /** A pipeline's builds by creation time (milliseconds), for {@code GET /v1/builds?pipeline=}. */
  public String pipelineBuilds(String pipelineId) {
    return pipeline(pipelineId) + ":builds";
  }

  /** Every build of every project by creation time (milliseconds): {@code GET /v1/builds}. */
  public String buildsByCreation() {
    return prefix + "builds:by-creation";
  }

  /**
   * Where a project's record waits while its deletion is under way: out of every reader's sight,
   * still found by a DELETE that finishes the job.
   */
  public String deletedProject(String id) {
    return prefix + "deleted-project:" + id;
  }

  /**
   * The projects and pipelines whose deletion began and has not finished: an api-service that
   * starts finishes them, should the instance that began one have died.
   */
  public String deletions() {
    return prefix + "deletions";
  }

  /** Where a pipeline's record waits while its deletion (or its project's) is under way. */
  public String deletedPipeline(String id) {
    return prefix + "deleted-pipeline:" + id;
  }

  /** A build's live log, as stored (masked), while it is in Redis. */
  public String log(String buildId) {
    return prefix + "log:" + buildId;
  }

  /** Where a build's live log stands: attempt, bytes received, pending tail, length, flags. */
  public String logState(String buildId) {
    return log(buildId) + ":state";
  }

  /** Builds whose log is in Redis: running ones, and finished ones not yet archived. */
  public String liveLogs() {
    return prefix + "logs:live";
  }

  /**
   * Ended builds whose kept data (log, artifacts) has not expired yet, by the time it expires: the
   * one retention index.
   */
  public String retention() {
    return prefix + "retention";
  }

  /** A build's artifacts: a hash of name to the stored artifact as JSON. */
  public String artifacts(String buildId) {
    return build(buildId) + ":artifacts";
  }

  /**
   * The bytes a build's artifacts take: {@code stored} (committed) and one {@code upload:<id>}
   * field per upload in progress holding the size it reserved and until when.
   */
  public String artifactSpace(String buildId) {
    return build(buildId) + ":artifact-space";
  }
}
