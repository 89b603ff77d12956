package dev.hangar.api.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.engine.redis.EngineScripts;
import dev.hangar.engine.redis.LuaScript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each module's scripts run with that module's library and nothing else, so a script that calls a
 * function its own library lacks fails here rather than in Redis, and the api-service never leans
 * on the engine's library because both happen to be on one classpath. Checked on the api-service's
 * classpath, where both modules' scripts are.
 */
class ScriptLibrariesTest {

  private static final Pattern CALL = Pattern.compile("(?<![.:\\w])([A-Za-z_]\\w*)\\s*\\(");
  private static final Pattern DEFINITION = Pattern.compile("function\\s+([A-Za-z_]\\w*)\\s*\\(");
  private static final Set<String> LUA =
      Set.of(
          "tonumber",
          "tostring",
          "ipairs",
          "pairs",
          "unpack",
          "type",
          "error",
          "assert",
          "select",
          "function",
          "if",
          "and",
          "or",
          "not",
          "return",
          "local",
          "in",
          "while",
          "until",
          "elseif");

  @Test
  void everyEngineScriptCallsOnlyWhatTheEngineLibraryOrTheScriptDefines() throws IOException {
    assertThat(undefinedCalls("dev/hangar/engine/scripts", EngineScripts::load)).isEmpty();
  }

  @Test
  void everyApiServiceScriptCallsOnlyWhatItsOwnLibraryOrTheScriptDefines() throws IOException {
    assertThat(undefinedCalls("dev/hangar/api/scripts", ApiScripts::load)).isEmpty();
  }

  @Test
  void noApiServiceScriptCarriesTheEngineLibrary() throws IOException {
    Set<String> engineFunctions = definitions(EngineScripts.load("announce").text());
    for (String name : scriptNames("dev/hangar/api/scripts")) {
      assertThat(definitions(ApiScripts.load(name).text()))
          .as(name)
          .doesNotContainAnyElementsOf(
              engineFunctions.stream().filter(f -> !f.equals("now_ms")).toList());
    }
  }

  /** Per script of the directory, the functions it calls that neither Lua nor its text defines. */
  private static TreeMap<String, Set<String>> undefinedCalls(
      String directory, Function<String, LuaScript> load) throws IOException {
    TreeMap<String, Set<String>> undefined = new TreeMap<>();
    for (String name : scriptNames(directory)) {
      String text = code(load.apply(name).text());
      Set<String> defined = definitions(text);
      Set<String> missing = new HashSet<>();
      Matcher call = CALL.matcher(text);
      while (call.find()) {
        String function = call.group(1);
        if (!LUA.contains(function) && !defined.contains(function)) {
          missing.add(function);
        }
      }
      if (!missing.isEmpty()) {
        undefined.put(name, missing);
      }
    }
    return undefined;
  }

  private static Set<String> definitions(String text) {
    Set<String> defined = new HashSet<>();
    Matcher definition = DEFINITION.matcher(text);
    while (definition.find()) {
      defined.add(definition.group(1));
    }
    return defined;
  }

  /** The script without comments and string literals, whose words are not calls. */
  private static String code(String text) {
    return text.replaceAll("--[^\n]*", "").replaceAll("'[^'\n]*'|\"[^\"\n]*\"", "''");
  }

  /** The scripts in a classpath directory, by name without {@code .lua}, the library left out. */
  private static List<String> scriptNames(String directory) throws IOException {
    List<String> names = new ArrayList<>();
    for (Resource resource :
        new PathMatchingResourcePatternResolver()
            .getResources("classpath*:" + directory + "/*.lua")) {
      String file = resource.getFilename();
      if (file != null && !file.startsWith("_")) {
        names.add(file.substring(0, file.length() - ".lua".length()));
      }
    }
    assertThat(names).as(directory).isNotEmpty();
    return names;
  }
}
