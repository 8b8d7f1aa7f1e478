package movierec.core.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/**
 * MovieLens 1M (and 10M, same layout): {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp})
 * and {@code movies.dat} ({@code MovieID::Title::Genres}, Latin-1). Every rating counts as a watch.
 */
public final class MovieLens1m implements SourceFormat {
  static final String RATINGS = "ratings.dat";
  static final String MOVIES = "movies.dat";
  private static final Pattern SEPARATOR = Pattern.compile("::", Pattern.LITERAL);

  @Override
  public String name() {
    return "ml-1m";
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
    SourceFiles.eachLine(ratings, StandardCharsets.ISO_8859_1, (text, line) -> {
      if (text.isBlank()) return;
      String[] f = SourceFiles.fields(text, SEPARATOR, 4, ratings, line, "UserID::MovieID::Rating::Timestamp");
      rows.add(SourceFiles.id(f[0], ratings, line, "UserID"), SourceFiles.id(f[1], ratings, line, "MovieID"),
          SourceFiles.nonNegative(f[3], ratings, line, "Timestamp"), line);
    });
    if (rows.size() == 0) throw InputException.at(ratings, 1, null, "no ratings");
    MovieLensMovies.readDat(dir.resolve(MOVIES), rows.raw());
  }
}
