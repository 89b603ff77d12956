package dev.hangar.api.runners;

import dev.hangar.api.auth.User;
import dev.hangar.api.openapi.Access;
import dev.hangar.api.openapi.ApiContract;
import dev.hangar.api.openapi.ProblemCode;
import dev.hangar.api.web.RequestBodies;
import dev.hangar.engine.EngineException;
import dev.hangar.engine.runners.RunnerRemoval;
import dev.hangar.engine.runners.RunnerStore;
import dev.hangar.model.RunnerStatus;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.RegisteredRunner;
import dev.hangar.model.runners.RunnerView;
import dev.hangar.model.runners.UpdateRunnerRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What people do with runners: register one (getting its token once), list, inspect, drain, remove.
 */
@RestController
class RunnerAdminController {

  private final RunnerStore runners;
  private final RunnerRemoval removal;
  private final RequestBodies bodies;

  RunnerAdminController(RunnerStore runners, RunnerRemoval removal, RequestBodies bodies) {
    this.runners = runners;
    this.removal = removal;
    this.bodies = bodies;
  }

  /**
   * The body is optional: a runner with no name and no capabilities can be completed by its own
   * PATCH.
   */
  @ApiContract(
      summary = "Register a runner: its token, shown once",
      access = Access.USER,
      body = RegisterRunnerRequest.class,
      bodyOptional = true)
  @PostMapping("/v1/runners/register")
  RegisteredRunner register(User user, HttpServletRequest request) {
    RegisterRunnerRequest registration =
        bodies
            .optionalFromUser(request, RegisterRunnerRequest.class)
            .orElseGet(() -> new RegisterRunnerRequest(null, null));
    return runners.register(registration, user.id());
  }

  @ApiContract(summary = "Every runner, status derived on read", access = Access.USER)
  @GetMapping("/v1/runners")
  List<RunnerView> list(User user) {
    return runners.list();
  }

  @ApiContract(summary = "A runner", access = Access.USER, problems = ProblemCode.RUNNER_NOT_FOUND)
  @GetMapping("/v1/runners/{runnerId}")
  RunnerView get(User user, @PathVariable String runnerId) {
    return runners
        .view(runnerId)
        .orElseThrow(() -> EngineException.notFound("runner_not_found", "no runner " + runnerId));
  }

  /**
   * The operator's drain: the runner finishes what it holds and takes nothing new, as when it
   * drains itself ({@code PATCH} with {@code status: draining}); the runner may resume by its own
   * PATCH.
   */
  @ApiContract(
      summary = "Drain a runner: it finishes its jobs and claims no more",
      access = Access.USER,
      problems = ProblemCode.RUNNER_NOT_FOUND)
  @PostMapping("/v1/runners/{runnerId}/drain")
  RunnerView drain(User user, @PathVariable String runnerId) {
    if (runners.view(runnerId).isEmpty()) {
      throw EngineException.notFound("runner_not_found", "no runner " + runnerId);
    }
    return runners.update(runnerId, new UpdateRunnerRequest(null, null, RunnerStatus.DRAINING));
  }

  @ApiContract(
      summary = "Remove a runner: token revoked, its jobs requeued at once",
      access = Access.USER,
      status = 204,
      problems = ProblemCode.RUNNER_NOT_FOUND)
  @DeleteMapping("/v1/runners/{runnerId}")
  ResponseEntity<Void> remove(User user, @PathVariable String runnerId) {
    removal.remove(runnerId);
    return ResponseEntity.noContent().build();
  }
}
