package movierec.core.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/**
 * MovieLens 100K: {@code u.data} ({@code user<TAB>item<TAB>rating<TAB>timestamp}, no header) and
 * {@code u.item} (pipe-separated, Latin-1: id, title, release date, video release date, IMDb URL, then
 * 19 genre flags). Every rating counts as a watch.
 */
public final class MovieLens100k implements SourceFormat {
  static final String RATINGS = "u.data";
  static final String MOVIES = "u.item";
  /** The order of u.item's genre flags, as listed in the release's README and u.genre. */
  static final List<String> GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
      "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War",
      "Western");
  private static final int MOVIE_FIELDS_BEFORE_GENRES = 5;
  private static final Pattern TAB = Pattern.compile("\t", Pattern.LITERAL);
  private static final Pattern PIPE = Pattern.compile("|", Pattern.LITERAL);

  @Override
  public String name() {
    return "ml-100k";
  }

  @Override
  public String expects() {
    return "a folder with " + RATINGS + " and " + MOVIES;
  }

  @Override
  public void read(List<Path> sources, SourceRows rows) {
    Path dir = Conversion.singleFolder(this, sources);
    Path ratings = dir.resolve(RATINGS);
    SourceFiles.readRatings(ratings, TAB, "user<TAB>item<TAB>rating<TAB>timestamp", new String[] {"user", "item", "rating", "timestamp"}, rows);
    Path movies = dir.resolve(MOVIES);
    int width = MOVIE_FIELDS_BEFORE_GENRES + GENRES.size();
    SourceFiles.eachLine(movies, StandardCharsets.ISO_8859_1, (text, line) -> {
      if (text.isBlank()) return;
      String[] f = SourceFiles.fields(text, PIPE, width, movies, line, "id|title|release date|video release date|IMDb URL|19 genre flags");
      List<String> genres = new ArrayList<>();
      for (int g = 0; g < GENRES.size(); g++) {
        String flag = f[MOVIE_FIELDS_BEFORE_GENRES + g].trim();
        if (flag.equals("1")) genres.add(GENRES.get(g));
        else if (!flag.equals("0")) throw InputException.at(movies, line, GENRES.get(g), "expected a genre flag 0 or 1, found '" + flag + "'");
      }
      MovieLensMovies.add(rows.raw(), SourceFiles.id(f[0], movies, line, "id"), f[1], genres.toArray(new String[0]));
    });
  }
}
