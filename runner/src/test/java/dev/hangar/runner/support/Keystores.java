package dev.hangar.runner.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real upload keystore made by the JDK's keytool, as an Android developer makes one. */
public final class Keystores {

  private Keystores() {}

  public static Path jks(Path file, String storePassword, String alias, String keyPassword)
      throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-keystore",
                    file.toString(),
                    "-storetype",
                    "JKS",
                    "-storepass",
                    storePassword,
                    "-alias",
                    alias,
                    "-keypass",
                    keyPassword,
                    "-dname",
                    "CN=Hangar Test",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "365"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return file;
  }
}
