package dev.hangar.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogFollowerTest {

  @Test
  void aCharacterCutAtTheEndOfAChunkWaitsForItsOtherBytes() {
    byte[] text = "a€".getBytes(StandardCharsets.UTF_8); // "€" is three bytes

    assertThat(LogFollower.wholeCharacters(text)).isEqualTo(4);
    assertThat(LogFollower.wholeCharacters(Arrays.copyOf(text, 3))).isEqualTo(1);
    assertThat(LogFollower.wholeCharacters(Arrays.copyOf(text, 2))).isEqualTo(1);
    assertThat(LogFollower.wholeCharacters(Arrays.copyOf(text, 1))).isEqualTo(1);
  }

  @Test
  void fourByteCharactersAndPlainTextAreWhole() {
    byte[] emoji = "x😀".getBytes(StandardCharsets.UTF_8);

    assertThat(LogFollower.wholeCharacters(emoji)).isEqualTo(5);
    assertThat(LogFollower.wholeCharacters(Arrays.copyOf(emoji, 4))).isEqualTo(1);
    assertThat(LogFollower.wholeCharacters("plain\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(6);
  }
}
