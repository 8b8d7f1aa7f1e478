package movierec.submissions;

import java.io.IOException;
import java.nio.file.Path;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.eval.RankedLists;

/**
 * The competition's submission file: header {@code user,item}, exactly {@link #SIZE} distinct unseen
 * items for every user, best first, external ids.
 */
public final class Submission {
  public static final int SIZE = 10;
  public static final String HEADER = "user,item";
  public static final String FILE = "submission.csv";

  private Submission() {}

  /** Writes the first ten items of each user's list; fails if a user has fewer than ten. */
  public static void write(RankedLists lists, Dataset data, Path file) throws IOException {
    for (int u = 0; u < data.numUsers(); u++) {
      if (lists.items()[u].length < SIZE) {
        throw new IllegalStateException("user " + data.users().externalId(u) + " has only " + lists.items()[u].length
            + " candidate items left after filtering; a submission needs " + SIZE + " (loosen the filters)");
      }
    }
    DatasetWriter.atomically(file, w -> {
      w.write(HEADER + "\n");
      for (int u = 0; u < data.numUsers(); u++) {
        int user = data.users().externalId(u);
        for (int r = 0; r < SIZE; r++) w.write(user + "," + data.items().externalId(lists.items()[u][r]) + "\n");
      }
    });
  }
}
