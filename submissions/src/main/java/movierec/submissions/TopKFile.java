package movierec.submissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import movierec.core.data.Dataset;
import movierec.core.data.DatasetWriter;
import movierec.core.data.InputException;
import movierec.core.eval.RankedLists;

/**
 * Ranked lists as CSV ({@code user,item,rank,score}, external ids, rank from 1): what ensembles vote
 * over. A run keeps one for its validation fit and one for its final fit.
 */
public final class TopKFile {
  public static final String HEADER = "user,item,rank,score";
  public static final String VALIDATION = "topk_validation.csv";
  public static final String FINAL = "topk_final.csv";

  private TopKFile() {}

  public static void write(RankedLists lists, Dataset data, Path file) throws IOException {
    DatasetWriter.atomically(file, w -> {
      w.write(HEADER + "\n");
      StringBuilder sb = new StringBuilder();
      for (int u = 0; u < lists.numUsers(); u++) {
        int user = data.users().externalId(u);
        int[] items = lists.items()[u];
        for (int r = 0; r < items.length; r++) {
          sb.setLength(0);
          sb.append(user).append(',').append(data.items().externalId(items[r])).append(',').append(r + 1).append(',')
              .append(lists.scores()[u][r]).append('\n');
          w.append(sb);
        }
      }
    });
  }

  /**
   * Reads ranked lists back onto a dataset's indices. Rows must be in rank order per user; users or
   * items the dataset does not know are an error naming the line.
   */
  public static RankedLists read(Path file, Dataset data) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
      throw InputException.at(file, 1, "header", "expected '" + HEADER + "'");
    }
    List<List<int[]>> perUser = new ArrayList<>();
    for (int u = 0; u < data.numUsers(); u++) perUser.add(new ArrayList<>());
    int depth = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) continue;
      String[] f = line.split(",", -1);
      if (f.length != 4) throw InputException.at(file, i + 1, null, "expected 4 fields '" + HEADER + "'");
      int user = data.users().index(parseInt(f[0], file, i + 1, "user"));
      int item = data.items().index(parseInt(f[1], file, i + 1, "item"));
      if (user < 0) throw InputException.at(file, i + 1, "user", "unknown user " + f[0]);
      if (item < 0) throw InputException.at(file, i + 1, "item", "unknown item " + f[1]);
      int rank = parseInt(f[2], file, i + 1, "rank");
      List<int[]> list = perUser.get(user);
      if (rank != list.size() + 1) throw InputException.at(file, i + 1, "rank", "expected rank " + (list.size() + 1) + ", found " + rank);
      float score;
      try {
        score = Float.parseFloat(f[3]);
      } catch (NumberFormatException e) {
        throw InputException.at(file, i + 1, "score", "expected a number, found '" + f[3] + "'");
      }
      list.add(new int[] {item, Float.floatToIntBits(score)});
      depth = Math.max(depth, list.size());
    }
    int[][] items = new int[data.numUsers()][];
    float[][] scores = new float[data.numUsers()][];
    for (int u = 0; u < data.numUsers(); u++) {
      List<int[]> list = perUser.get(u);
      items[u] = list.stream().mapToInt(e -> e[0]).toArray();
      scores[u] = new float[list.size()];
      for (int r = 0; r < list.size(); r++) scores[u][r] = Float.intBitsToFloat(list.get(r)[1]);
    }
    return new RankedLists(depth, items, scores);
  }

  private static int parseInt(String s, Path file, int line, String field) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw InputException.at(file, line, field, "expected an integer, found '" + s + "'");
    }
  }
}
