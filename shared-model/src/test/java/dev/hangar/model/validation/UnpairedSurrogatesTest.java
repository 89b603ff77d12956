package dev.hangar.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.BuildStatus;
import dev.hangar.model.Capabilities;
import dev.hangar.model.Platform;
import dev.hangar.model.builds.CreateBuildRequest;
import dev.hangar.model.projects.CreatePipelineRequest;
import dev.hangar.model.runners.RegisterRunnerRequest;
import dev.hangar.model.runners.StatusUpdate;
import dev.hangar.model.signing.IosSigningUpload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every string of every request is checked, however deep, and named by its wire path. */
class UnpairedSurrogatesTest {

  private static final String HIGH = String.valueOf((char) 0xD800);
  private static final String LOW = String.valueOf((char) 0xDC00);
  private static final String ROCKET = Character.toString(0x1F680);

  private static List<String> surrogateFields(Validated request) {
    return Violations.of(request).stream()
        .filter(v -> v.message().contains("surrogate"))
        .map(Violation::field)
        .toList();
  }

  @Test
  void aLoneHighOrLowSurrogateOrAPairInTheWrongOrderIsFound() {
    assertThat(UnpairedSurrogates.hasUnpaired("a" + HIGH)).isTrue();
    assertThat(UnpairedSurrogates.hasUnpaired(LOW + "a")).isTrue();
    assertThat(UnpairedSurrogates.hasUnpaired(LOW + HIGH)).isTrue();
    assertThat(UnpairedSurrogates.hasUnpaired(HIGH + HIGH + LOW)).isTrue();
  }

  @Test
  void aPairIsOneCharacterAndWellFormed() {
    assertThat(UnpairedSurrogates.hasUnpaired("mini " + ROCKET)).isFalse();
    assertThat(UnpairedSurrogates.hasUnpaired("")).isFalse();
    assertThat(surrogateFields(new RegisterRunnerRequest("mini " + ROCKET, null))).isEmpty();
  }

  @Test
  void fieldsOfNestedRecordsAndListsAreNamedByTheirWirePath() {
    StatusUpdate update =
        new StatusUpdate(
            BuildStatus.RUNNING,
            1,
            null,
            "compiling" + HIGH,
            new StatusUpdate.Progress("build" + LOW, 40),
            List.of(
                new StatusUpdate.StepReport("fine", null, null, null, null, null),
                new StatusUpdate.StepReport(HIGH, "ok" + LOW, 0, null, null, 5L)));

    assertThat(surrogateFields(update))
        .containsExactlyInAnyOrder("message", "progress.step", "steps[1].name", "steps[1].status");
  }

  @Test
  void componentNamesAreSpelledInSnakeCase() {
    IosSigningUpload upload =
        new IosSigningUpload(
            "ABCDE12345",
            "AAAA" + HIGH,
            "secret" + LOW,
            List.of(new IosSigningUpload.Profile("com.example" + HIGH, "AAAA")));

    assertThat(surrogateFields(upload))
        .containsExactlyInAnyOrder(
            "certificate_p12_base64", "certificate_password", "profiles[0].bundle_id");
    assertThat(surrogateFields(new CreateBuildRequest("a1b2c3d", "main" + LOW + HIGH, null)))
        .containsExactly("branch");
  }

  @Test
  void freeFormMapsAreCheckedInTheirValuesAndKeys() {
    Map<String, Object> config =
        Map.of(
            "flavor",
            "prod",
            "nested",
            Map.of("deep", List.of("ok", "x" + HIGH)),
            "key" + LOW,
            "value");

    assertThat(
            surrogateFields(new CreatePipelineRequest("release", Platform.WEB, null, null, config)))
        .containsExactlyInAnyOrder("config.nested.deep[1]", "config");
    assertThat(
            surrogateFields(
                new RegisterRunnerRequest(
                    "mini",
                    new Capabilities(
                        null, Map.of("xcode", "16" + HIGH), List.of("m2" + LOW), null))))
        .containsExactlyInAnyOrder("capabilities.tools.xcode", "capabilities.labels[0]");
  }
}
