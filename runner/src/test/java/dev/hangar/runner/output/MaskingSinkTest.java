package dev.hangar.runner.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingSinkTest {

  private final List<String> lines = new ArrayList<>();
  private final OutputSink collect = (step, text) -> lines.add(step + ": " + text);

  @Test
  void secretsAreMaskedWhereverTheyAppear() {
    new MaskingSink(collect, Set.of("s3cret-pass"))
        .line("sign", "password=s3cret-pass and again s3cret-pass");

    assertThat(lines).containsExactly("sign: password=[masked] and again [masked]");
  }

  @Test
  void aSecretContainingAnotherIsMaskedWhole() {
    new MaskingSink(collect, Set.of("pass", "pass-word-long")).line("s", "pass-word-long");

    assertThat(lines).containsExactly("s: [masked]");
  }

  @Test
  void veryShortValuesAreLeftAloneSoOrdinaryOutputStaysReadable() {
    new MaskingSink(collect, Set.of("abc", "")).line("s", "abc is the alphabet");

    assertThat(lines).containsExactly("s: abc is the alphabet");
  }
}
