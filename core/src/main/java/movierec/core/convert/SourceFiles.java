package movierec.core.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/** Line reading and field parsing shared by the source formats; every problem names file:line and field. */
final class SourceFiles {
  private SourceFiles() {}

  @FunctionalInterface
  interface LineBody {
    void line(String text, long number);
  }

  /** Calls {@code body} for every line (numbered from 1, line endings stripped). */
  static void eachLine(Path file, Charset charset, LineBody body) {
    try (BufferedReader r = open(file, charset)) {
      long number = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) body.line(line, ++number);
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  static BufferedReader open(Path file, Charset charset) {
    try {
      return Files.newBufferedReader(file, charset);
    } catch (NoSuchFileException e) {
      throw InputException.at(file, 0, null, "file not found");
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  static int id(String text, Path file, long line, String field) {
    long v = nonNegative(text, file, line, field);
    if (v > Integer.MAX_VALUE) throw InputException.at(file, line, field, "id " + text.trim() + " is too large");
    return (int) v;
  }

  static long nonNegative(String text, Path file, long line, String field) {
    String t = text.trim();
    try {
      long v = Long.parseLong(t);
      if (v >= 0) return v;
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw InputException.at(file, line, field, "expected a non-negative integer, found '" + shorten(t) + "'");
  }

  /** Splits on a separator and checks the field count; {@code layout} names the fields for the message. */
  static String[] fields(String text, Pattern separator, int count, Path file, long line, String layout) {
    String[] f = separator.split(text, -1);
    if (f.length != count) {
      throw InputException.at(file, line, null, "expected " + count + " fields '" + layout + "', found " + f.length + " in '" + shorten(text) + "'");
    }
    return f;
  }

  static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
