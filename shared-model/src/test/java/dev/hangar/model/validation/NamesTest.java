package dev.hangar.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  private static final String ROCKET = Character.toString(0x1F680);

  @Test
  void clipKeepsShortTextAndCutsLongTextAfterFortyCharacters() {
    assertThat(Names.clip("a".repeat(40))).isEqualTo("a".repeat(40));
    assertThat(Names.clip("a".repeat(41))).isEqualTo("a".repeat(40) + "…");
  }

  /**
   * An answer must not hold half a character: the lone surrogate refused in requests must not
   * appear in errors.
   */
  @Test
  void clipNeverCutsASurrogatePairInTwo() {
    String clipped = Names.clip("a".repeat(39) + ROCKET + "tail");

    assertThat(clipped).isEqualTo("a".repeat(39) + ROCKET + "…");
    assertThat(UnpairedSurrogates.hasUnpaired(clipped)).isFalse();
  }
}
