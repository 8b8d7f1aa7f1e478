package movierec.core.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import movierec.core.data.InputException;

/**
 * Sequence files with one user per line, {@code user item item ...} separated by spaces (the S3-Rec and
 * LightGCN layouts). The files carry no time, only order, so the order is taken as time order:
 * the n-th distinct item of a user (n from 0, counting on across lines and files in the order given) is
 * stamped {@link #BASE_TIME} + n seconds. A {@code movies.dat} beside the first file supplies titles,
 * years and genres; every item must then be one of its movies.
 *
 * <p>A repeated item in a user's sequence (a re-watch; Yelp's has some) keeps its first occurrence.
 */
public final class LineFiles implements SourceFormat {
  /** 2000-01-01T00:00:00Z: synthesized times stay inside that day, before any MovieLens-1M rating. */
  public static final long BASE_TIME = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final int idOffset;

  /** @param idOffset added to every user and item id (1 restores MovieLens ids in files that count from 0) */
  public LineFiles(int idOffset) {
    this.idOffset = idOffset;
  }

  @Override
  public String name() {
    return "lines";
  }

  @Override
  public String expects() {
    return "one or more files of 'user item item ...' lines, in time order";
  }

  @Override
  public void read(List<Path> sources, SourceRows rows) {
    if (sources.isEmpty()) throw new InputException("lines: give at least one file (" + expects() + ")");
    Path movies = sources.get(0).toAbsolutePath().resolveSibling(MovieLens1m.MOVIES);
    Set<Integer> movieIds = Files.exists(movies) ? MovieLensMovies.readDat(movies, rows.raw()) : null;
    Map<Integer, Set<Integer>> seen = new HashMap<>();
    long[] repeats = {0};
    for (Path file : sources) {
      rows.startFile(file);
      SourceFiles.eachLine(file, StandardCharsets.UTF_8, (text, line) -> {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) return;
        String[] tokens = SPACES.split(trimmed);
        int user = shifted(SourceFiles.id(tokens[0], file, line, "user"), file, line, "user");
        Set<Integer> items = seen.computeIfAbsent(user, u -> new HashSet<>());
        for (int t = 1; t < tokens.length; t++) {
          int item = shifted(SourceFiles.id(tokens[t], file, line, "item " + t), file, line, "item " + t);
          if (movieIds != null && !movieIds.contains(item)) {
            throw InputException.at(file, line, "item " + t, "movie " + item + " (file id " + tokens[t] + " + --id-offset " + idOffset
                + ") is not in " + movies + "; ids counted from 0 need --id-offset 1");
          }
          // The item count so far is the item's position in the user's sequence.
          if (items.add(item)) rows.add(user, item, BASE_TIME + items.size() - 1, line);
          else repeats[0]++;
        }
      });
    }
    if (rows.size() == 0) throw InputException.at(sources.get(0), 1, null, "no interactions in the given files");
    rows.note(movieIds == null ? "no " + movies + ": the output has no titles, years or genres" : "titles, years and genres from " + movies);
    rows.note("times are synthesized: the n-th distinct item of a user is at " + Instant.ofEpochSecond(BASE_TIME) + " + n seconds");
    if (repeats[0] > 0) rows.note("dropped " + repeats[0] + " repeated user,item pairs (first occurrence kept)");
  }

  private int shifted(int id, Path file, long line, String field) {
    long v = (long) id + idOffset;
    if (v < 0 || v > Integer.MAX_VALUE) throw InputException.at(file, line, field, "id " + id + " + --id-offset " + idOffset + " is out of range");
    return (int) v;
  }
}
