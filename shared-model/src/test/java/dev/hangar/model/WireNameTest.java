package dev.hangar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class WireNameTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<WireName> everyConstant() {
    return Stream.of(
            BuildStatus.values(),
            FailureReason.values(),
            Platform.values(),
            Priority.values(),
            RunnerStatus.values())
        .flatMap(Stream::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyConstant")
  void jacksonWritesAndReadsTheLowerCaseName(WireName constant) {
    String wire = constant.name().toLowerCase(Locale.ROOT);

    assertThat(JSON.writeValueAsString(constant)).isEqualTo("\"" + wire + "\"");
    assertThat(JSON.readValue("\"" + wire + "\"", constant.getClass())).isEqualTo(constant);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyConstant")
  void theConstantsOwnNameIsNotAWireName(WireName constant) {
    assertThatThrownBy(() -> JSON.readValue("\"" + constant.name() + "\"", constant.getClass()))
        .isInstanceOf(tools.jackson.databind.exc.InvalidFormatException.class);
  }

  /** In Turkish, I lower-cases to ı: ONLINE would become onlıne. */
  @Test
  void wireNamesDoNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(RunnerStatus.ONLINE.wire()).isEqualTo("online");
      assertThat(Platform.fromWire("ios")).isEqualTo(Platform.IOS);
      assertThat(WireName.find(FailureReason.class, "lease_expired_max_attempts"))
          .contains(FailureReason.LEASE_EXPIRED_MAX_ATTEMPTS);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void onlyTheExactWireNameIsFound() {
    assertThat(WireName.find(BuildStatus.class, "queued")).contains(BuildStatus.QUEUED);
    assertThat(WireName.find(BuildStatus.class, "QUEUED")).isEmpty();
    assertThat(WireName.find(BuildStatus.class, "Queued")).isEmpty();
    assertThatThrownBy(() -> BuildStatus.fromWire("bogus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no BuildStatus is spelt 'bogus'");
  }

  @Test
  void allListsTheWireNamesInDeclarationOrder() {
    assertThat(WireName.all(BuildStatus.class))
        .isEqualTo("queued, assigned, running, succeeded, failed, cancelled");
  }
}
