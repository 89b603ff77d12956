package dev.hangar.engine.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingCheckTest {

  @Test
  void durationsAreShownAsAnOperatorWritesThem() {
    assertThat(SettingCheck.show(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(SettingCheck.show(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(SettingCheck.show(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(SettingCheck.show(Duration.ZERO)).isEqualTo("0s");
    assertThat(SettingCheck.show(3)).isEqualTo("3");
  }

  @Test
  void aFailedCheckNamesTheVariableItsValueAndWhatItMustBe() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SettingCheck.require(false, "HANGAR_X", Duration.ofSeconds(5), "more"))
        .withMessage("HANGAR_X=5s is invalid: must be more");
  }

  @Test
  void aTimerMustWaitAtLeastTenMilliseconds() {
    SettingCheck.requireTimer("HANGAR_T", Duration.ofMillis(10));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SettingCheck.requireTimer("HANGAR_T", Duration.ZERO))
        .withMessage("HANGAR_T=0s is invalid: must be at least 10ms");
  }
}
