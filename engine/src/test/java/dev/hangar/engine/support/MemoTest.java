package dev.hangar.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {

  private final AtomicInteger calls = new AtomicInteger();
  private final Memo<String, String> memo = new Memo<>(2, key -> key + calls.incrementAndGet());

  @Test
  void answersTheSameKeyOnceFromTheFunction() {
    assertThat(memo.get("a")).isEqualTo("a1");
    assertThat(memo.get("a")).isEqualTo("a1");
    assertThat(calls).hasValue(1);
  }

  @Test
  void asksAgainWhenTheRememberedAnswerIsNoLongerCurrent() {
    memo.get("a");

    assertThat(memo.get("a", remembered -> false)).isEqualTo("a2");
    assertThat(memo.get("a")).as("the fresh answer replaced the stale one").isEqualTo("a2");
  }

  @Test
  void forgetsEverythingWhenFullRatherThanGrowing() {
    memo.get("a");
    memo.get("b");
    memo.get("c");

    assertThat(memo.get("c")).isEqualTo("c3");
    assertThat(memo.get("a")).as("forgotten when c arrived").isEqualTo("a4");
  }
}
