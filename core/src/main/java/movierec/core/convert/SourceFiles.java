package movierec.core.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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

  /**
   * Reads a headerless ratings file of {@code user SEP item SEP rating SEP timestamp} lines (MovieLens
   * 100K's u.data, 1M's ratings.dat) into {@code rows}; the rating is ignored: every rating is a watch.
   *
   * @param layout the line's layout for errors, e.g. {@code UserID::MovieID::Rating::Timestamp}
   * @param names the four field names as the release's README gives them, for errors
   */
  static void readRatings(Path ratings, Pattern separator, String layout, String[] names, SourceRows rows) {
    rows.startFile(ratings);
    eachLine(ratings, StandardCharsets.ISO_8859_1, (text, line) -> {
      if (text.isBlank()) return;
      String[] f = fields(text, separator, 4, ratings, line, layout);
      rows.add(id(f[0], ratings, line, names[0]), id(f[1], ratings, line, names[1]), nonNegative(f[3], ratings, line, names[3]), line);
    });
    if (rows.size() == 0) throw InputException.at(ratings, 1, null, "no ratings");
  }

  static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
