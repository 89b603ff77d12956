package dev.hangar.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM a test starts (a Hangar jar, a runner, the S3 server): this JDK's
 * {@code java}, compiling with C1 only and collecting with the serial GC, since such a JVM lives
 * for seconds or one test class and start-up matters more to it than peak speed, on a machine the
 * test suite keeps busy.
 */
public final class ShortLivedJava {

  /** Those options, as one string for {@code HANGAR_JAVA_OPTS}. */
  public static final String OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private ShortLivedJava() {}

  /** {@code java} with those options, then {@code arguments} (JVM options, {@code -jar}, …). */
  public static List<String> command(String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(OPTIONS.split(" ")));
    command.addAll(List.of(arguments));
    return command;
  }
}
