package movierec.core.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

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
    SourceFiles.readRatings(ratings, SEPARATOR, "UserID::MovieID::Rating::Timestamp", new String[] {"UserID", "MovieID", "Rating", "Timestamp"}, rows);
    MovieLensMovies.readDat(dir.resolve(MOVIES), rows.raw());
  }
}
