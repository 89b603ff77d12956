package dev.hangar.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactContentTypeTest {

  @ParameterizedTest
  @CsvSource({
    "app-release.apk, application/vnd.android.package-archive",
    "APP.APK, application/vnd.android.package-archive",
    "app.aab, application/octet-stream",
    "Runner.ipa, application/octet-stream",
    "Runner.app.dSYM.zip, application/zip",
    "report.json, application/json",
    "TEST-suite.xml, text/plain;charset=utf-8",
    "build.log, text/plain;charset=utf-8",
    "notes.txt, text/plain;charset=utf-8",
    "index.html, application/octet-stream",
    "page.htm, application/octet-stream",
    "logo.svg, application/octet-stream",
    "Makefile, application/octet-stream",
    "archive., application/octet-stream",
  })
  void theTypeComesFromTheLastExtensionAndNothingExecutable(String name, String type) {
    assertThat(ArtifactContentType.of(name)).isEqualTo(type);
  }
}
