package dev.hangar.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolVersionTest {

  private static ToolVersion v(String text) {
    return ToolVersion.parse(text).orElseThrow();
  }

  @Test
  void missingPartsCountAsZero() {
    assertThat(v("16.2").atLeast(v("16"))).isTrue();
    assertThat(v("16").atLeast(v("16.0.0"))).isTrue();
    assertThat(v("16")).isEqualTo(v("16.0"));
    assertThat(v("16").hashCode()).isEqualTo(v("16.0").hashCode());
  }

  @Test
  void comparesNumericallyPartByPart() {
    assertThat(v("3.27.1").atLeast(v("3.9"))).isTrue();
    assertThat(v("15.4").atLeast(v("16"))).isFalse();
    assertThat(v("16.10")).isGreaterThan(v("16.9"));
  }

  @Test
  void ignoresPreReleaseAndBuildSuffixes() {
    assertThat(v("3.29.0-1.pre").atLeast(v("3.29"))).isTrue();
    assertThat(ToolVersion.hasSuffix("3.29.0-1.pre")).isTrue();
    assertThat(ToolVersion.hasSuffix("3.29.0")).isFalse();
  }

  @Test
  void cannotBeChangedThroughItsParts() {
    int[] given = {16, 2};
    ToolVersion version = new ToolVersion(given);
    given[0] = 1;
    version.parts()[1] = 9;
    assertThat(version).hasToString("16.2");
  }

  @Test
  void printsItsShortestSpelling() {
    assertThat(v("16.0")).hasToString("16");
    assertThat(v("016.2.0")).hasToString("16.2");
    assertThat(v("3.27.1")).hasToString("3.27.1");
    assertThat(v("0.0")).hasToString("0");
    assertThat(v("3.29.0-1.pre")).hasToString("3.29");
  }

  @Test
  void refusesWhatIsNotAVersion() {
    assertThat(ToolVersion.parse("latest")).isEmpty();
    assertThat(ToolVersion.parse("")).isEmpty();
    assertThat(ToolVersion.parse(null)).isEmpty();
    assertThat(ToolVersion.parse("1.2.3.4.5")).isEmpty();
    assertThat(ToolVersion.parse("v16")).isEmpty();
  }
}
