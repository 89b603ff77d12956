package dev.hangar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor's claim script comes out of the engine jar nested in the dispatcher jar, laid out as
 * Spring Boot packages it.
 */
class ClaimScriptTest {

  @TempDir Path dir;

  @Test
  void joinsTheLibraryAndTheClaimScriptOfTheNestedEngineJar() throws IOException {
    byte[] engine =
        zip(
            Map.of(
                "dev/hangar/engine/scripts/_lib.lua",
                "local lib = 1",
                "dev/hangar/engine/scripts/claim.lua",
                "return lib",
                "dev/hangar/engine/Keys.class",
                "…"));
    Path dispatcher = dir.resolve("dispatcher.jar");
    try (OutputStream out = Files.newOutputStream(dispatcher)) {
      out.write(
          zip(
              Map.of(
                  "BOOT-INF/classes/application.yml",
                  "server: {}",
                  "BOOT-INF/lib/engine-0.1.0-SNAPSHOT.jar",
                  engine)));
    }

    assertThat(ClaimScript.load(dispatcher)).isEqualTo("local lib = 1\nreturn lib");
  }

  @Test
  void aJarWithoutAnEngineIsRefusedSayingSo() throws IOException {
    Path other = dir.resolve("other.jar");
    Files.write(other, zip(Map.of("BOOT-INF/classes/application.yml", "server: {}")));

    assertThatThrownBy(() -> ClaimScript.load(other)).hasMessageContaining("holds no engine jar");
  }

  private static byte[] zip(Map<String, Object> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Object> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(
            entry.getValue() instanceof byte[] raw
                ? raw
                : entry.getValue().toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
