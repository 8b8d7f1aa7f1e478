package movierec.core.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import movierec.core.data.InputException;

/**
 * MovieLens releases in CSV (ml-latest-small, ml-latest, ml-20m, ml-25m): {@code ratings.csv}
 * ({@code userId,movieId,rating,timestamp}) and {@code movies.csv} ({@code movieId,title,genres},
 * titles quoted when they contain commas). Every rating counts as a watch; the rating value is ignored.
 */
public final class MovieLensCsv implements SourceFormat {
  static final String RATINGS = "ratings.csv";
  static final String MOVIES = "movies.csv";
  private static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
  private static final String MOVIES_HEADER = "movieId,title,genres";
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  private final String name;

  /** @param name the release it is registered as (the layout is the same for all of them) */
  public MovieLensCsv(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String expects() {
    return "a folder with " + RATINGS + " and " + MOVIES;
  }

  @Override
  public void read(List<Path> sources, SourceRows rows) {
    Path dir = Conversion.singleFolder(this, sources);
    Path ratings = dir.resolve(RATINGS);
    rows.startFile(ratings);
    eachRow(ratings, RATINGS_HEADER, (f, line) -> rows.add(SourceFiles.id(f[0], ratings, line, "userId"),
        SourceFiles.id(f[1], ratings, line, "movieId"), SourceFiles.nonNegative(f[3], ratings, line, "timestamp"), line));
    if (rows.size() == 0) throw InputException.at(ratings, 2, null, "no ratings after the header");
    Path movies = dir.resolve(MOVIES);
    eachRow(movies, MOVIES_HEADER, (f, line) ->
        MovieLensMovies.add(rows.raw(), SourceFiles.id(f[0], movies, line, "movieId"), f[1], MovieLensMovies.splitGenres(f[2])));
  }

  @FunctionalInterface
  private interface RowBody {
    void row(String[] fields, long line);
  }

  /** Parses a CSV file with a real CSV parser (quotes, CRLF), checking the header and the field count of every row. */
  private static void eachRow(Path file, String header, RowBody body) {
    int width = header.split(",").length;
    try (BufferedReader reader = SourceFiles.open(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(reader)) {
      boolean first = true;
      while (it.hasNextValue()) {
        String[] f = it.nextValue();
        // The line where the row ends: the same as where it starts unless a quoted field spans lines.
        long line = it.getParser().currentTokenLocation().getLineNr();
        if (first) {
          String found = String.join(",", f);
          if (!found.equals(header)) throw InputException.at(file, line, "header", "expected '" + header + "', found '" + SourceFiles.shorten(found) + "'");
          first = false;
          continue;
        }
        if (f.length == 1 && f[0].isEmpty()) continue; // blank line
        if (f.length != width) {
          throw InputException.at(file, line, null, "expected " + width + " fields '" + header + "', found " + f.length + " in '"
              + SourceFiles.shorten(String.join(",", f)) + "'");
        }
        body.row(f, line);
      }
      if (first) throw InputException.at(file, 1, null, "empty file, expected header '" + header + "'");
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw InputException.at(file, line, null, "malformed CSV: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw InputException.at(file, 0, null, "cannot read: " + e.getMessage());
    }
  }
}
