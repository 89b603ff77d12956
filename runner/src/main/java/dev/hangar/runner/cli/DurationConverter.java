package dev.hangar.runner.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration written as Hangar's settings write them: {@code 500ms}, {@code 10s}, {@code 2m}; a
 * bare number is seconds.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher match = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!match.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration such as 10s, 500ms or 2m");
    }
    long amount = Long.parseLong(match.group(1));
    String unit = match.group(2) == null ? "s" : match.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
