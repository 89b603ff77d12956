package dev.hangar.api.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.api.web.ApiException;
import dev.hangar.engine.builds.BuildIndexKind;
import dev.hangar.engine.builds.BuildPosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BuildCursorTest {

  private static final BuildPosition POSITION =
      new BuildPosition(BuildIndexKind.PIPELINE, 1_765_000_000_123L, "build_abcdefghijklmnop");

  @Test
  void aCursorNamesThePositionItWasMadeOf() {
    String cursor = BuildCursor.encode(POSITION);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(BuildCursor.decode(cursor, BuildIndexKind.PIPELINE)).isEqualTo(POSITION);
    assertThat(BuildCursor.encode(null)).isNull();
  }

  @Test
  void aCursorOfAnotherIndexIsRefused() {
    String cursor = BuildCursor.encode(POSITION);

    for (BuildIndexKind other :
        new BuildIndexKind[] {BuildIndexKind.EVERY, BuildIndexKind.PROJECT}) {
      assertThatThrownBy(() -> BuildCursor.decode(cursor, other))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_parameter"));
    }
  }

  @Test
  void textThisApiDidNotGiveIsRefused() {
    for (String cursor :
        new String[] {
          "%%%",
          "not base64!",
          encoded("pipeline.12.build_abcdefghijklmnop.extra"),
          encoded("pipeline.-12.build_abcdefghijklmnop"),
          encoded("pipeline.1e9.build_abcdefghijklmnop"),
          encoded("pipeline.12.proj_abcdefghijklmnop"),
          encoded("pipeline.12345678901234567890.build_abcdefghijklmnop"),
          encoded("")
        }) {
      assertThatThrownBy(() -> BuildCursor.decode(cursor, BuildIndexKind.PIPELINE))
          .as(cursor)
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_parameter"));
    }
  }

  private static String encoded(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
