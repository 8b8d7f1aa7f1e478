package movierec.core.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.data.InputException;
import movierec.core.data.StagedFolder;

/**
 * Converts a source in another format into the competition layout: read everything into memory (so
 * bad input stops the conversion before anything is written), build the dataset, write it into a
 * hidden sibling folder and move that into place.
 */
public final class Conversion {
  public static final List<String> FORMATS = List.of("ml-latest-small", "ml-20m", "ml-100k", "ml-1m", "lines");

  private Conversion() {}

  /** What was written and what the user should know about it. */
  public record Result(Dataset dataset, List<String> notes) {}

  /**
   * The format registered under {@code name}.
   *
   * @param idOffset added to every id of a {@code lines} source; must be 0 for the others
   */
  public static SourceFormat format(String name, int idOffset) {
    if (idOffset != 0 && !name.equals("lines")) throw new InputException("--id-offset applies to --from lines only");
    return switch (name) {
      case "ml-latest-small", "ml-20m" -> new MovieLensCsv(name);
      case "ml-100k" -> new MovieLens100k();
      case "ml-1m" -> new MovieLens1m();
      case "lines" -> new LineFiles(idOffset);
      default -> throw new InputException("unknown source format '" + name + "'; valid: " + String.join(", ", FORMATS));
    };
  }

  public static Result convert(SourceFormat format, List<Path> sources, Path out) {
    StagedFolder.requireFolderOrAbsent(out);
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target) && !StagedFolder.isEmptyFolder(target)) {
      throw InputException.at(out, 0, "--out", "already exists and is not empty; remove it or choose another folder");
    }
    SourceRows rows = new SourceRows();
    format.read(sources, rows);
    Dataset data = rows.build(target.getFileName().toString());
    StagedFolder.write(target, "converting", staging -> {
      DatasetWriter.write(data, staging);
      return null;
    });
    return new Result(data, rows.notes());
  }

  /** The one folder that the MovieLens formats read from. */
  static Path singleFolder(SourceFormat format, List<Path> sources) {
    if (sources.size() != 1 || !Files.isDirectory(sources.get(0))) {
      throw new InputException(format.name() + ": expected " + format.expects() + ", got " + sources);
    }
    return sources.get(0);
  }
}
