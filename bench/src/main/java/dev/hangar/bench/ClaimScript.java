package dev.hangar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Hangar's own {@code claim.lua}, with the {@code _lib.lua} it is prefixed with, read from the
 * dispatcher jar the bench starts: the floor runs the very script a REST claim runs.
 */
final class ClaimScript {

  private ClaimScript() {}

  static String load(Path dispatcherJar) {
    try (ZipFile jar = new ZipFile(dispatcherJar.toFile())) {
      // Hangar's Scripts joins the library and the script with a newline, and so does the floor.
      return read(jar, "_lib") + "\n" + read(jar, "claim");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the claim script from " + dispatcherJar, e);
    }
  }

  private static String read(ZipFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry("BOOT-INF/classes/scripts/" + name + ".lua");
    if (entry == null) {
      throw new IllegalStateException(jar.getName() + " has no scripts/" + name + ".lua: is it Hangar's dispatcher jar?");
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
