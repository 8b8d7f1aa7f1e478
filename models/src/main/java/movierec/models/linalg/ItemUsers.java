package movierec.models.linalg;

import java.util.Arrays;
import movierec.core.data.Interactions;

/**
 * The transpose of the interactions: for each item, the users who interacted with it, in ascending user
 * order (compressed sparse columns of the user-item matrix).
 */
public record ItemUsers(int[] offsets, int[] users) {

  public static ItemUsers of(Interactions x) {
    int n = x.numItems();
    int[] offsets = new int[n + 1];
    for (int e = 0; e < x.size(); e++) offsets[x.item(e) + 1]++;
    for (int i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    int[] fill = Arrays.copyOf(offsets, n);
    int[] users = new int[x.size()];
    for (int u = 0; u < x.numUsers(); u++) {
      for (int e = x.start(u); e < x.end(u); e++) users[fill[x.item(e)]++] = u;
    }
    return new ItemUsers(offsets, users);
  }

  public int start(int item) {
    return offsets[item];
  }

  public int end(int item) {
    return offsets[item + 1];
  }

  public int user(int entry) {
    return users[entry];
  }
}
