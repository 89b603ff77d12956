package dev.hangar.api.leases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.api.support.ApiClient;
import dev.hangar.api.support.Given;
import dev.hangar.api.support.Hangar;
import dev.hangar.model.BuildStatus;
import dev.hangar.model.BuildTransitions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runner's moves of {@link BuildTransitions}, through the API as a runner makes them: every
 * (from, to) pair is reported over HTTP and must be answered as the table says, with the problem
 * code a runner sees. The scripts' agreement with the whole table, every actor, is
 * BuildTransitionsIT's (dispatcher module).
 */
class TransitionTableIT {

  private static Hangar hangar;
  private static ApiClient api;
  private static Given given;
  private static String pipeline;

  @BeforeAll
  static void start() {
    hangar = Hangar.start(1, 0, Map.of());
    api = hangar.client();
    given = new Given(api);
    pipeline = given.pipeline("linux");
  }

  @AfterAll
  static void stop() throws Exception {
    hangar.close();
  }

  static Stream<Arguments> moves() {
    return Stream.of(BuildStatus.ASSIGNED, BuildStatus.RUNNING)
        .flatMap(
            from ->
                Arrays.stream(BuildStatus.values())
                    .filter(BuildStatus::isReportable)
                    .map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("moves")
  void theApiAllowsExactlyTheMovesTheTableAllows(BuildStatus from, BuildStatus to) {
    Given.Runner runner = given.runner("linux");
    String build = given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(200);
    if (from == BuildStatus.RUNNING) {
      report(runner, build, BuildStatus.RUNNING).expect(200);
    }

    ApiClient.Response answer = report(runner, build, to);

    if (BuildTransitions.allows(BuildTransitions.Actor.RUNNER_REPORT, from, to)) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.text("status")).isEqualTo(to.wire());
    } else {
      assertThat(answer.status()).isEqualTo(409);
      assertThat(answer.text("code")).isEqualTo("invalid_transition");
      assertThat(
              api.get("/v1/builds/" + build, given.adminToken()).json().path("status").asString())
          .isEqualTo(from.wire());
    }
  }

  static Stream<BuildStatus> terminal() {
    return Arrays.stream(BuildStatus.values()).filter(BuildStatus::isTerminal);
  }

  @ParameterizedTest
  @MethodSource("terminal")
  void repeatingAFinalReportIsIdempotentAndAnyOtherIsRefused(BuildStatus end) {
    Given.Runner runner = given.runner("linux");
    String build = given.build(pipeline);
    api.post(runner.path("/claim"), runner.token(), null).expect(200);
    report(runner, build, BuildStatus.RUNNING).expect(200);
    report(runner, build, end).expect(200);

    assertThat(report(runner, build, end).expect(200).text("status")).isEqualTo(end.wire());
    for (BuildStatus other :
        List.of(
            BuildStatus.RUNNING,
            BuildStatus.SUCCEEDED,
            BuildStatus.FAILED,
            BuildStatus.CANCELLED)) {
      if (other != end) {
        assertThat(report(runner, build, other).text("code")).isEqualTo("invalid_transition");
      }
    }
  }

  private static ApiClient.Response report(Given.Runner runner, String build, BuildStatus status) {
    return api.post(
        runner.path("/jobs/" + build + "/status"), runner.token(), Map.of("status", status.wire()));
  }
}
