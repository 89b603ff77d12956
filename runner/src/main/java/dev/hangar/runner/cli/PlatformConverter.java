package dev.hangar.runner.cli;

import dev.hangar.model.Platform;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A platform by its wire name ({@code android}, {@code ios} …), in any case. */
final class PlatformConverter implements ITypeConverter<Platform> {

  @Override
  public Platform convert(String value) {
    for (Platform platform : Platform.values()) {
      if (platform.wire().equals(value.toLowerCase(Locale.ROOT))) {
        return platform;
      }
    }
    throw new TypeConversionException(
        "unknown platform '"
            + value
            + "'; one of "
            + String.join(", ", Arrays.stream(Platform.values()).map(Platform::wire).toList()));
  }
}
