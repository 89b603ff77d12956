package dev.hangar.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/errors.md lists every problem code with the status it answers, so it cannot fall behind. */
class ProblemCodesDocumentedTest {

  private static final Path ERRORS = Path.of("..", "docs", "errors.md");

  @ParameterizedTest
  @EnumSource(ProblemCode.class)
  void everyCodeHasARowWithItsStatus(ProblemCode code) throws IOException {
    String row =
        Files.readAllLines(ERRORS).stream()
            .filter(line -> line.contains("`" + code.wire() + "`"))
            .findFirst()
            .orElse("");

    assertThat(row).as("a row of docs/errors.md naming %s", code.wire()).startsWith("| ");
    assertThat(row).startsWith("| " + code.status() + " |");
  }
}
