package io.streamtune.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads --format case-insensitively and names the choices when it is none of them. */
final class FormatConverter implements ITypeConverter<OutputFormat> {

  @Override
  public OutputFormat convert(String value) {
    try {
      return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a format: use yaml, json or csv");
    }
  }
}
