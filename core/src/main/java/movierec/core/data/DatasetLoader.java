package movierec.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the competition layout: {@code train_ratings.csv} ({@code user,item,time}) and the optional
 * side files {@code genres.tsv}, {@code years.tsv}, {@code titles.tsv}, {@code directors.tsv},
 * {@code writers.tsv} ({@code item<TAB>value} with a header). Every problem is an {@link InputException}
 * naming file, line and field. The ratings parser works on raw bytes: 5M rows load in about a second.
 */
public final class DatasetLoader {
  public static final String RATINGS = "train_ratings.csv";
  public static final String[] SIDE_FILES = {"genres.tsv", "years.tsv", "titles.tsv", "directors.tsv", "writers.tsv"};

  private DatasetLoader() {}

  public static Dataset load(Path dir) {
    if (!Files.isDirectory(dir)) throw InputException.at(dir, 0, null, "not a directory");
    Path ratings = dir.resolve(RATINGS);
    RawData raw = new RawData();
    int[] lineOfRow = readRatings(ratings, raw);
    for (String file : SIDE_FILES) readSideFile(dir.resolve(file), raw);
    try {
      return raw.build(dir.toAbsolutePath().normalize().getFileName().toString());
    } catch (RawData.DuplicateRowException e) {
      throw InputException.at(ratings, lineOfRow[e.later], null, "duplicate row: the same user,item pair as line " + lineOfRow[e.earlier]);
    }
  }

  private static byte[] readAll(Path file) {
    try {
      byte[] b = Files.readAllBytes(file);
      // Editors on Windows add one; it would otherwise show up as a garbled header.
      if (b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
        throw InputException.at(file, 1, "header", "starts with a UTF-8 byte order mark (BOM); save the file as UTF-8 without BOM");
      }
      return b;
    } catch (NoSuchFileException e) {
      throw InputException.at(file, 0, null, "file not found");
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** Parses the ratings into {@code raw}; returns the file line of each row (for error messages). */
  private static int[] readRatings(Path file, RawData raw) {
    byte[] b = readAll(file);
    int pos = 0;
    int lineEnd = lineEnd(b, 0);
    String header = new String(b, 0, stripCr(b, 0, lineEnd), StandardCharsets.UTF_8).trim();
    if (b.length == 0) throw InputException.at(file, 1, null, "empty file, expected header 'user,item,time'");
    if (!header.equals("user,item,time")) {
      throw InputException.at(file, 1, "header", "expected 'user,item,time', found '" + header + "'");
    }
    int capacity = Math.max(16, b.length / 20);
    int[] users = new int[capacity];
    int[] items = new int[capacity];
    long[] times = new long[capacity];
    int[] lines = new int[capacity];
    int n = 0;
    long line = 1;
    pos = lineEnd + 1;
    while (pos < b.length) {
      line++;
      int end = lineEnd(b, pos);
      int stop = stripCr(b, pos, end);
      if (stop == pos) {
        pos = end + 1;
        continue; // blank line, e.g. trailing newline twice
      }
      if (n == users.length) {
        int cap = users.length * 2;
        users = Arrays.copyOf(users, cap);
        items = Arrays.copyOf(items, cap);
        times = Arrays.copyOf(times, cap);
        lines = Arrays.copyOf(lines, cap);
      }
      int c1 = indexOf(b, pos, stop, (byte) ',');
      int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, stop, (byte) ',');
      if (c1 < 0 || c2 < 0) {
        throw InputException.at(file, line, c1 < 0 ? "item" : "time", "missing: expected 3 fields 'user,item,time', found '" + text(b, pos, stop) + "'");
      }
      if (indexOf(b, c2 + 1, stop, (byte) ',') >= 0) {
        throw InputException.at(file, line, null, "expected 3 fields 'user,item,time', found more in '" + text(b, pos, stop) + "'");
      }
      users[n] = (int) parseNonNegative(b, pos, c1, file, line, "user", Integer.MAX_VALUE);
      items[n] = (int) parseNonNegative(b, c1 + 1, c2, file, line, "item", Integer.MAX_VALUE);
      times[n] = parseNonNegative(b, c2 + 1, stop, file, line, "time", Long.MAX_VALUE);
      lines[n++] = (int) line;
      pos = end + 1;
    }
    if (n == 0) throw InputException.at(file, 2, null, "no rows after the header");
    raw.addAll(users, items, times, n);
    return lines;
  }

  private static int lineEnd(byte[] b, int from) {
    int i = from;
    while (i < b.length && b[i] != '\n') i++;
    return i;
  }

  private static int stripCr(byte[] b, int from, int end) {
    return end > from && b[end - 1] == '\r' ? end - 1 : end;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) if (b[i] == c) return i;
    return -1;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
  }

  private static long parseNonNegative(byte[] b, int from, int to, Path file, long line, String field, long max) {
    if (from >= to) throw InputException.at(file, line, field, "empty value, expected a non-negative integer");
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || v > (max - d) / 10) {
        throw InputException.at(file, line, field, "expected a non-negative integer, found '" + text(b, from, to) + "'");
      }
      v = v * 10 + d;
    }
    return v;
  }

  // ---- side files: small, read as text ----

  private static void readSideFile(Path file, RawData raw) {
    String name = file.getFileName().toString();
    String field = name.substring(0, name.indexOf('.')).replaceFirst("s$", "");
    for (String[] row : readTsv(file, field)) {
      int item = Integer.parseInt(row[0]);
      switch (field) {
        case "title" -> raw.title(item, row[1]);
        case "year" -> {
          try {
            raw.year(item, Integer.parseInt(row[1]));
          } catch (NumberFormatException e) {
            throw InputException.at(file, Long.parseLong(row[2]), "year", "expected an integer year, found '" + row[1] + "'");
          }
        }
        default -> raw.attribute(field, item, row[1]);
      }
    }
  }

  /** Rows {@code [item, value, lineNumber]} of an {@code item<TAB>value} file; a missing file gives none. */
  private static List<String[]> readTsv(Path file, String field) {
    List<String[]> rows = new ArrayList<>();
    if (!Files.exists(file)) return rows;
    String[] lines = new String(readAll(file), StandardCharsets.UTF_8).split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) throw InputException.at(file, 1, null, "empty file, expected header 'item\t" + field + "'");
    String[] header = lines[0].split("\t", -1);
    if (header.length != 2 || !header[0].equals("item") || !header[1].equals(field)) {
      throw InputException.at(file, 1, "header", "expected 'item<TAB>" + field + "', found '" + lines[0] + "'");
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) continue;
      int tab = lines[i].indexOf('\t');
      if (tab < 0) throw InputException.at(file, i + 1, null, "expected 2 tab-separated fields 'item<TAB>" + field + "'");
      String itemText = lines[i].substring(0, tab);
      String value = lines[i].substring(tab + 1).trim();
      int item;
      try {
        item = Integer.parseInt(itemText);
      } catch (NumberFormatException e) {
        throw InputException.at(file, i + 1, "item", "expected an integer id, found '" + itemText + "'");
      }
      if (value.isEmpty()) throw InputException.at(file, i + 1, field, "empty value");
      rows.add(new String[] {Integer.toString(item), value, Integer.toString(i + 1)});
    }
    return rows;
  }
}
