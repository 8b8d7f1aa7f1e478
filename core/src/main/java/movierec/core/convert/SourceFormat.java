package movierec.core.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * A source of interactions in another layout (MovieLens releases, {@code user item item ...} lines)
 * that {@link Conversion} turns into the competition layout. Every interaction counts as watched.
 */
public interface SourceFormat {
  /** The name given to {@code data convert --from}. */
  String name();

  /** What the sources must be, for help texts and errors (e.g. "a folder with ratings.dat and movies.dat"). */
  String expects();

  /**
   * Reads every interaction and any side information into {@code rows}. Bad input is an {@link
   * movierec.core.data.InputException} naming file, line and field.
   */
  void read(List<Path> sources, SourceRows rows);
}
