package dev.hangar.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogMessageTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aChunkIsItsOffsetAndEveryByteAfterTheFirstLine() {
    LogMessage.Chunk chunk = (LogMessage.Chunk) LogMessage.parse(bytes("120\nline one\nend 3\n"));

    assertThat(chunk.start()).isEqualTo(120);
    assertThat(new String(chunk.bytes(), StandardCharsets.UTF_8)).isEqualTo("line one\nend 3\n");
    assertThat(chunk.end()).isEqualTo(135);
  }

  @Test
  void theEndNamesTheStatusAndTheFinalLength() {
    assertThat(LogMessage.parse(bytes("end succeeded 4096\n")))
        .isEqualTo(new LogMessage.End("succeeded", 4096));
    // A build that vanished ends with no status.
    assertThat(LogMessage.parse(bytes("end  0\n"))).isEqualTo(new LogMessage.End("", 0));
  }
}
