package dev.hangar.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.model.projects.CreatePipelineRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityClassTest {

  private static final CapabilityClass IOS_M2_XCODE16 =
      CapabilityClass.of(Platform.IOS, List.of("m2"), Map.of("xcode", "16"));

  private static Capabilities runner(
      List<Platform> platforms, Map<String, String> tools, List<String> labels) {
    return new Capabilities(platforms, tools, labels, 1);
  }

  @Test
  void keyIsStableWhateverTheOrderOfLabelsAndTools() {
    CapabilityClass a =
        CapabilityClass.of(
            Platform.IOS, List.of("m2", "large"), Map.of("xcode", "16", "flutter", "3.27"));
    CapabilityClass b =
        CapabilityClass.of(
            Platform.IOS, List.of("large", "m2"), Map.of("flutter", "3.27", "xcode", "16"));
    assertThat(a.key()).isEqualTo(b.key()).isEqualTo("ios.large.m2.flutter>=3.27.xcode>=16");
    assertThat(CapabilityClass.of(Platform.ANDROID, null, null).key()).isEqualTo("android");
  }

  @Test
  void aRunnerNeedsThePlatformEveryLabelAndEveryToolFloor() {
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(
                    List.of(Platform.IOS, Platform.MACOS),
                    Map.of("xcode", "16.2"),
                    List.of("m2", "large"))))
        .isTrue();
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(List.of(Platform.MACOS), Map.of("xcode", "16.2"), List.of("m2"))))
        .as("platform")
        .isFalse();
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(List.of(Platform.IOS), Map.of("xcode", "16.2"), List.of("intel"))))
        .as("label")
        .isFalse();
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(List.of(Platform.IOS), Map.of("xcode", "15.4"), List.of("m2"))))
        .as("too old")
        .isFalse();
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(List.of(Platform.IOS), Map.of("flutter", "3.27.1"), List.of("m2"))))
        .as("no xcode")
        .isFalse();
    assertThat(
            IOS_M2_XCODE16.isSatisfiedBy(
                runner(List.of(Platform.IOS), Map.of("xcode", "beta"), List.of("m2"))))
        .as("unreadable")
        .isFalse();
  }

  @Test
  void aNewPipelineNamesItsToolFloorsInTheirShortestSpelling() {
    CapabilityClass spelledLong =
        new CreatePipelineRequest(
                "a", Platform.IOS, List.of(), Map.of("xcode", "016.0", "flutter", "3.27.0"), null)
            .capabilityClass();
    CapabilityClass spelledShort =
        new CreatePipelineRequest(
                "b", Platform.IOS, List.of(), Map.of("xcode", "16", "flutter", "3.27"), null)
            .capabilityClass();
    assertThat(spelledLong.key())
        .isEqualTo(spelledShort.key())
        .isEqualTo("ios.flutter>=3.27.xcode>=16");
    assertThat(
            new CreatePipelineRequest("c", Platform.IOS, List.of(), Map.of("xcode", "latest"), null)
                .capabilityClass()
                .tools())
        .as("what is not a version stays as written, for validation to name it")
        .containsEntry("xcode", "latest");
  }

  @Test
  void aClassWithoutRequirementsTakesAnyRunnerOfItsPlatform() {
    CapabilityClass android = CapabilityClass.of(Platform.ANDROID, List.of(), Map.of());
    assertThat(android.isSatisfiedBy(runner(List.of(Platform.ANDROID), Map.of(), List.of())))
        .isTrue();
    assertThat(android.isSatisfiedBy(Capabilities.none())).isFalse();
  }
}
