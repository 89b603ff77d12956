package dev.hangar.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {

  @ParameterizedTest
  @CsvSource({
    "bytes=0-99, 0, 100",
    "bytes=100-199, 100, 100",
    "bytes=900-, 900, 100",
    "bytes=990-5000, 990, 10",
    "bytes=-10, 990, 10",
    "bytes=-5000, 0, 1000",
    "BYTES=5-5, 5, 1",
    "bytes=999-999, 999, 1",
    "bytes=0-99999999999999999999999, 0, 1000",
  })
  void oneRangeWithinTheFileIsServedAsAsked(String header, long start, long length) {
    assertThat(RangeRequest.of(header, 1000)).isEqualTo(new RangeRequest.Part(start, length));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"bytes=1000-", "bytes=1000-1001", "bytes=-0", "bytes=99999999999999999999-"})
  void aRangePastTheEndIsUnsatisfiable(String header) {
    assertThat(RangeRequest.of(header, 1000)).isInstanceOf(RangeRequest.Unsatisfiable.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,5-6", "items=0-1", "bytes=a-b"})
  void anythingElseIsTheWholeFile(String header) {
    assertThat(RangeRequest.of(header, 1000)).isInstanceOf(RangeRequest.Whole.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-", "bytes=-1"})
  void anEmptyFileHasNoRange(String header) {
    assertThat(RangeRequest.of(header, 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
  }
}
