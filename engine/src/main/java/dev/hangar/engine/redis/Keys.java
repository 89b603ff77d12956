package dev.hangar.engine.redis;

import dev.hangar.engine.HangarProperties;
import java.util.List;

/**
 * Every Redis key Hangar uses, under the namespace prefix. The Lua scripts derive the same names.
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

  /** A pipeline's sealed signing material of one kind ({@code android} or {@code ios}). */
  public String signing(String pipelineId, String kind) {
    return prefix + "signing:" + pipelineId + ":" + kind;
  }

  /** Every upload, delete and release of a pipeline's signing material. */
  public String signingAudit(String pipelineId) {
    return prefix + "signing-audit:" + pipelineId;
  }

  public String user(String id) {
    return prefix + "user:" + id;
  }

  public String username(String name) {
    return prefix + "username:" + name;
  }

  public String users() {
    return prefix + "users";
  }

  public String session(String tokenHash) {
    return prefix + "session:" + tokenHash;
  }

  /** Recent failed logins of a username, whatever text a client sent as one (login throttling). */
  public String loginFailuresOfUsername(String username) {
    return prefix + "login-failures:username:" + username;
  }

  /** Recent failed logins from a peer address, whatever the usernames (login throttling). */
  public String loginFailuresOfAddress(String address) {
    return prefix + "login-failures:address:" + address;
  }

  public List<String> of(String... keys) {
    return List.of(keys);
  }
}
