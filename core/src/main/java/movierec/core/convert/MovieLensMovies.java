package movierec.core.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.core.data.RawData;

/**
 * Side information from a MovieLens movie row, as the competition's files hold it: the title as given
 * ("Toy Story (1995)"), the year parsed from the title's last parentheses (a series' "(2006–2007)"
 * gives its first year; no year when there are none), and the genres, without MovieLens's
 * placeholders for "none".
 */
final class MovieLensMovies {
  /** ml-latest/ml-20m's placeholder and ml-100k's "unknown" flag both mean: no genre. */
  private static final Set<String> NO_GENRE = Set.of("(no genres listed)", "unknown");
  private static final Pattern YEAR_SUFFIX = Pattern.compile("\\((\\d{4})(?:[-–]\\d{4})?\\)\\s*$");
  private static final Pattern DAT_SEPARATOR = Pattern.compile("::", Pattern.LITERAL);
  private static final Pattern GENRE_SEPARATOR = Pattern.compile("|", Pattern.LITERAL);

  private MovieLensMovies() {}

  static void add(RawData raw, int item, String title, String[] genres) {
    // Titles go to a TSV file: a tab or line break inside one would split its row.
    String clean = title.replaceAll("[\\t\\r\\n]+", " ").trim();
    if (!clean.isEmpty()) raw.title(item, clean);
    Integer year = yearOf(clean);
    if (year != null) raw.year(item, year);
    for (String g : genres) {
      String genre = g.trim();
      if (!genre.isEmpty() && !NO_GENRE.contains(genre)) raw.attribute("genre", item, genre);
    }
  }

  /** The release year at the end of a MovieLens title, or null. */
  static Integer yearOf(String title) {
    Matcher m = YEAR_SUFFIX.matcher(title);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  static String[] splitGenres(String genres) {
    return GENRE_SEPARATOR.split(genres);
  }

  /**
   * Reads an ml-1m {@code movies.dat} ({@code MovieID::Title::Genres}, Latin-1) into {@code raw}.
   *
   * @return the movie ids it lists
   */
  static Set<Integer> readDat(Path file, RawData raw) {
    Set<Integer> ids = new HashSet<>();
    SourceFiles.eachLine(file, StandardCharsets.ISO_8859_1, (text, line) -> {
      if (text.isBlank()) return;
      String[] f = SourceFiles.fields(text, DAT_SEPARATOR, 3, file, line, "MovieID::Title::Genres");
      int item = SourceFiles.id(f[0], file, line, "MovieID");
      ids.add(item);
      add(raw, item, f[1], splitGenres(f[2]));
    });
    return ids;
  }
}
