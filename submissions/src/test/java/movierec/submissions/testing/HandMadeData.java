package movierec.submissions.testing;

import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.data.RawData;
import movierec.core.eval.RankedLists;

/**
 * A dataset small enough to reason about: items 1..60; user 1 has seen item 1, user 2 item 2, user 3
 * items 1..30 and user 4 items 31..60 (so every item is in the catalog). External ids equal index + 1.
 */
public final class HandMadeData {
  public static final int ITEMS = 60;

  private HandMadeData() {}

  public static Dataset dataset() {
    RawData raw = new RawData();
    raw.add(1, 1, 1_000);
    raw.add(2, 2, 1_000);
    for (int item = 1; item <= ITEMS; item++) raw.add(item <= ITEMS / 2 ? 3 : 4, item, 1_000 + item);
    return raw.build("hand-made");
  }

  /** Ranked lists from external ids per external user; scores fall with rank. */
  public static RankedLists lists(Dataset data, Map<Integer, int[]> byUser) {
    int[][] items = new int[data.numUsers()][0];
    float[][] scores = new float[data.numUsers()][0];
    int depth = 0;
    for (var e : byUser.entrySet()) {
      int u = data.users().index(e.getKey());
      int[] ids = e.getValue();
      items[u] = new int[ids.length];
      scores[u] = new float[ids.length];
      for (int r = 0; r < ids.length; r++) {
        items[u][r] = data.items().index(ids[r]);
        scores[u][r] = ids.length - r;
      }
      depth = Math.max(depth, ids.length);
    }
    return new RankedLists(depth, items, scores);
  }

  /** One external user's ranked list of external item ids with the given scores; other users' lists are empty. */
  public static RankedLists scored(Dataset data, int user, int[] ids, float[] scores) {
    RankedLists lists = lists(data, Map.of(user, ids));
    System.arraycopy(scores, 0, lists.scores()[data.users().index(user)], 0, ids.length);
    return lists;
  }

  /** External item ids of one user's list. */
  public static int[] externalIds(Dataset data, RankedLists lists, int user) {
    int[] items = lists.items()[data.users().index(user)];
    int[] ids = new int[items.length];
    for (int r = 0; r < items.length; r++) ids[r] = data.items().externalId(items[r]);
    return ids;
  }
}
