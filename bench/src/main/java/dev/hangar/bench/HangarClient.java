package dev.hangar.bench;

import dev.hangar.bench.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hangar's public API, the calls the bench needs, as README "The API" describes them. Setup calls
 * (login, projects, pipelines) fail loudly; load calls return the {@link Reply} for the caller to
 * judge and report the unexpected ones to {@link Problems}.
 */
final class HangarClient {

  /** The most jobs a runner may hold (the API allows capacity 1–64). */
  static final int MAX_CAPACITY = 64;

  private static final Duration CALL = Duration.ofSeconds(30);

  /** One api-service process as the bench reaches it. */
  record Instance(String name, String baseUrl, ServiceProcess process) {}

  record Runner(String id, String token) {}

  record Pipeline(String id, String queue) {}

  private final Api api;
  private final Problems problems;

  HangarClient(Api api, Problems problems) {
    this.api = api;
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  String login(Instance instance, String password) {
    return expect(
            "login",
            200,
            api.post(
                instance.baseUrl() + "/v1/sessions",
                null,
                Map.of("username", "admin", "password", password),
                CALL))
        .text("token");
  }

  String createProject(Instance instance, String userToken, String name) {
    Map<String, Object> body =
        Map.of("name", name, "repository_url", "https://git.example.com/bench/" + name + ".git");
    return expect(
            "create project",
            201,
            api.post(instance.baseUrl() + "/v1/projects", userToken, body, CALL))
        .text("id");
  }

  Pipeline createPipeline(
      Instance instance,
      String userToken,
      String projectId,
      String name,
      List<String> labels,
      Map<String, String> tools) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("platform", "android");
    body.put("labels", labels);
    body.put("tools", tools);
    body.put("config", Map.of("flavor", "bench"));
    Reply reply =
        expect(
            "create pipeline",
            201,
            api.post(
                instance.baseUrl() + "/v1/projects/" + projectId + "/pipelines",
                userToken,
                body,
                CALL));
    return new Pipeline(reply.text("id"), reply.text("queue"));
  }

  /** Android capabilities with these labels and tools; capacity as given. */
  static Map<String, Object> capabilities(
      List<String> labels, Map<String, String> tools, int capacity) {
    return Map.of(
        "platforms", List.of("android"), "tools", tools, "labels", labels, "capacity", capacity);
  }

  /** Registers a runner; any answer but 200 is reported to {@link Problems}. */
  Reply register(
      Instance instance, String userToken, String name, Map<String, Object> capabilities) {
    Reply reply =
        api.post(
            instance.baseUrl() + "/v1/runners/register",
            userToken,
            Map.of("name", name, "capabilities", capabilities),
            CALL);
    if (reply.status() != 200) {
      problems.unexpected("register runner", reply.status(), reply.body());
    }
    return reply;
  }

  static Runner runnerOf(Reply registered) {
    return new Runner(registered.text("id"), registered.text("token"));
  }

  /** POST a build; the caller checks for 201. */
  Reply createBuild(Instance instance, String userToken, String pipelineId, String priority) {
    Map<String, Object> body =
        Map.of("commit_sha", randomSha(), "branch", "main", "priority", priority);
    Reply reply =
        api.post(
            instance.baseUrl() + "/v1/pipelines/" + pipelineId + "/builds", userToken, body, CALL);
    if (reply.status() != 201) {
      problems.unexpected("create build", reply.status(), reply.body());
    }
    return reply;
  }

  /**
   * {@code claim?wait=N}: 200 job or 204; anything else is reported (409 runner_at_capacity too:
   * the bench avoids it).
   */
  Reply claim(Instance instance, Runner runner, int waitSeconds) {
    Reply reply =
        api.post(
            instance.baseUrl() + "/v1/runners/" + runner.id() + "/claim?wait=" + waitSeconds,
            runner.token(),
            null,
            CALL.plusSeconds(waitSeconds));
    if (reply.status() != 200 && reply.status() != 204) {
      problems.unexpected("claim", reply.status(), reply.body());
    }
    return reply;
  }

  Reply heartbeat(Instance instance, Runner runner) {
    Reply reply =
        api.post(
            instance.baseUrl() + "/v1/runners/" + runner.id() + "/heartbeat",
            runner.token(),
            null,
            CALL);
    if (reply.status() != 200) {
      problems.unexpected("heartbeat", reply.status(), reply.body());
    }
    return reply;
  }

  /** Reports {@code running} then {@code succeeded}, as a runner finishing a job at once would. */
  boolean finish(Instance instance, Runner runner, String buildId, int attempt) {
    return status(instance, runner, buildId, "running", attempt)
        && status(instance, runner, buildId, "succeeded", attempt);
  }

  /** A status update; false (and reported to {@link Problems}) unless accepted. */
  boolean status(Instance instance, Runner runner, String buildId, String status, int attempt) {
    Reply reply =
        api.post(
            instance.baseUrl() + "/v1/runners/" + runner.id() + "/jobs/" + buildId + "/status",
            runner.token(),
            Map.of("status", status, "attempt", attempt),
            CALL);
    if (reply.status() != 200) {
      problems.unexpected("status " + status, reply.status(), reply.body());
      return false;
    }
    return true;
  }

  /**
   * Appends a chunk of output to a job's log at {@code offset}; any answer but 200 is reported to
   * {@link Problems}.
   */
  Reply appendLog(
      Instance instance, Runner runner, String buildId, int attempt, long offset, byte[] chunk) {
    Reply reply =
        api.postBytes(
            instance.baseUrl()
                + "/v1/runners/"
                + runner.id()
                + "/jobs/"
                + buildId
                + "/logs?attempt="
                + attempt
                + "&offset="
                + offset,
            runner.token(),
            "application/octet-stream",
            chunk,
            CALL);
    if (reply.status() != 200) {
      problems.unexpected("append log", reply.status(), reply.body());
    }
    return reply;
  }

  /** Registers {@code count} runners over the instances, {@code concurrency} at a time. */
  List<Runner> registerMany(
      List<Instance> instances,
      String userToken,
      String prefix,
      int count,
      Map<String, Object> capabilities,
      int concurrency) {
    Runner[] registered = new Runner[count];
    Parallel.forEachIndex(
        count,
        concurrency,
        i -> {
          Reply reply =
              register(
                  instances.get(i % instances.size()), userToken, prefix + "-" + i, capabilities);
          if (reply.status() == 200) {
            registered[i] = runnerOf(reply);
          }
        });
    List<Runner> runners = new ArrayList<>(count);
    for (Runner r : registered) {
      if (r != null) {
        runners.add(r);
      }
    }
    return runners;
  }

  private Reply expect(String what, int status, Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException(
          what + ": expected HTTP " + status + " but got " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  private static String randomSha() {
    byte[] bytes = new byte[20];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
