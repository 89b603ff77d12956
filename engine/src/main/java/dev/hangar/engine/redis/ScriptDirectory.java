package dev.hangar.engine.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/**
 * Where one module keeps its Lua scripts: a classpath directory named after the module's own
 * package, so a module never loads another's script because the two share a file name, and the
 * library that module's scripts are prefixed with (what several of its scripts share, so each stays
 * one atomic step while a rule is written once).
 *
 * @param path the directory on the classpath, e.g. {@code dev/hangar/engine/scripts}
 * @param library the name of the library script in that directory, without {@code .lua}
 */
public record ScriptDirectory(String path, String library) {

  /** The script {@code name} (without {@code .lua}) with this directory's library in front. */
  public LuaScript script(String name) {
    return new LuaScript(path + "/" + name + ".lua", read(library) + "\n" + read(name));
  }

  private String read(String name) {
    String resource = path + "/" + name + ".lua";
    try {
      return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("missing script " + resource, e);
    }
  }
}
