package dev.hangar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Hangar's own {@code claim.lua}, with the {@code _lib.lua} it is prefixed with, read from the
 * engine jar inside the dispatcher jar the bench starts: the floor runs the very script a REST
 * claim runs.
 */
final class ClaimScript {

  /** Where the engine keeps its scripts, inside its jar. */
  private static final String SCRIPTS = "dev/hangar/engine/scripts/";

  private static final Pattern ENGINE_JAR = Pattern.compile("BOOT-INF/lib/engine-[^/]*\\.jar");

  private ClaimScript() {}

  static String load(Path dispatcherJar) {
    try (ZipFile jar = new ZipFile(dispatcherJar.toFile())) {
      ZipEntry engine =
          jar.stream()
              .filter(entry -> ENGINE_JAR.matcher(entry.getName()).matches())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          dispatcherJar + " holds no engine jar: is it Hangar's dispatcher jar?"));
      Map<String, String> scripts = scripts(jar.getInputStream(engine));
      // Hangar's Scripts joins the library and the script with a newline, and so does the floor.
      return script(scripts, "_lib") + "\n" + script(scripts, "claim");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the claim script from " + dispatcherJar, e);
    }
  }

  /** The Lua scripts of the engine jar, by name without {@code .lua}. */
  private static Map<String, String> scripts(InputStream engineJar) throws IOException {
    Map<String, String> scripts = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(engineJar)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        String name = entry.getName();
        if (name.startsWith(SCRIPTS) && name.endsWith(".lua")) {
          scripts.put(
              name.substring(SCRIPTS.length(), name.length() - ".lua".length()),
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return scripts;
  }

  private static String script(Map<String, String> scripts, String name) {
    String script = scripts.get(name);
    if (script == null) {
      throw new IllegalStateException("the engine jar has no " + SCRIPTS + name + ".lua");
    }
    return script;
  }
}
