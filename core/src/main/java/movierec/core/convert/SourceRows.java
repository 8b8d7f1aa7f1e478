package movierec.core.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import movierec.core.data.Dataset;
import movierec.core.data.InputException;
import movierec.core.data.RawData;

/**
 * What a {@link SourceFormat} read: the {@link RawData} plus the file and line of every row, so that a
 * problem found only when the dataset is built (a repeated user,item pair) still names its line; and
 * notes for the user about what the conversion dropped or assumed.
 */
public final class SourceRows {
  private final RawData raw = new RawData();
  private final List<Path> files = new ArrayList<>();
  /** Index of the first row of each file in {@link #files}; rows arrive file by file. */
  private final List<Integer> firstRows = new ArrayList<>();
  private int[] lines = new int[1024];
  private final List<String> notes = new ArrayList<>();

  /** Side information (titles, years, attributes) goes straight to the raw data. */
  public RawData raw() {
    return raw;
  }

  /** Rows added from now on come from {@code file}. */
  public void startFile(Path file) {
    files.add(file);
    firstRows.add(raw.size());
  }

  public void add(int user, int item, long time, long line) {
    if (files.isEmpty()) throw new IllegalStateException("startFile before add");
    int row = raw.size();
    if (row == lines.length) lines = Arrays.copyOf(lines, row * 2);
    lines[row] = (int) line;
    raw.add(user, item, time);
  }

  public int size() {
    return raw.size();
  }

  public void note(String text) {
    notes.add(text);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Builds the dataset; a repeated pair is reported at the line of its second occurrence. */
  public Dataset build(String name) {
    try {
      return raw.build(name);
    } catch (RawData.DuplicateRowException e) {
      throw InputException.at(fileOf(e.later), lines[e.later], null,
          "duplicate row: the same user,item pair as " + fileOf(e.earlier) + ":" + lines[e.earlier]);
    }
  }

  private Path fileOf(int row) {
    int f = files.size() - 1;
    while (firstRows.get(f) > row) f--;
    return files.get(f);
  }
}
