package dev.hangar.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachmentHeaderTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "app-release.apk|attachment; filename=\"app-release.apk\"; filename*=UTF-8''app-release.apk",
        "Runner 1.0.ipa|attachment; filename=\"Runner 1.0.ipa\"; filename*=UTF-8''Runner%201.0.ipa",
        "ü.zip|attachment; filename=\"_.zip\"; filename*=UTF-8''%C3%BC.zip",
        "😀.txt|attachment; filename=\"_.txt\"; filename*=UTF-8''%F0%9F%98%80.txt",
        "a\"b%20c\\d.log|attachment; filename=\"a_b_20c_d.log\"; filename*=UTF-8''a%22b%2520c%5Cd.log",
      })
  void theNameIsGivenWholeInUtf8AndAsAnAsciiStandIn(String name, String header) {
    assertThat(AttachmentHeader.of(name)).isEqualTo(header);
  }
}
