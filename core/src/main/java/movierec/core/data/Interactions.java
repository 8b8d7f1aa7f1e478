package movierec.core.data;

import java.util.Arrays;

/**
 * Implicit feedback in compressed sparse rows by user: each user's items in time order (ties broken
 * by item index, so the order is deterministic). Immutable.
 */
public final class Interactions {
  private final int numUsers;
  private final int numItems;
  private final int[] offsets;
  private final int[] items;
  private final long[] times;

  /** Takes ownership of the arrays; rows must already be in time order. */
  public Interactions(int numUsers, int numItems, int[] offsets, int[] items, long[] times) {
    if (offsets.length != numUsers + 1 || items.length != offsets[numUsers] || times.length != items.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays");
    }
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.offsets = offsets;
    this.items = items;
    this.times = times;
  }

  /**
   * Builds the CSR from unordered triples; each user's row is sorted by (time, item). Duplicate pairs are
   * the caller's business (the loader rejects them with a file position).
   */
  public static Interactions fromTriples(int numUsers, int numItems, int[] users, int[] itemIdx, long[] time) {
    int n = users.length;
    int[] offsets = new int[numUsers + 1];
    for (int u : users) offsets[u + 1]++;
    for (int u = 0; u < numUsers; u++) offsets[u + 1] += offsets[u];
    int[] fill = Arrays.copyOf(offsets, numUsers);
    int[] outItems = new int[n];
    long[] outTimes = new long[n];
    for (int r = 0; r < n; r++) {
      int pos = fill[users[r]]++;
      outItems[pos] = itemIdx[r];
      outTimes[pos] = time[r];
    }
    for (int u = 0; u < numUsers; u++) sortRow(outItems, outTimes, offsets[u], offsets[u + 1]);
    return new Interactions(numUsers, numItems, offsets, outItems, outTimes);
  }

  private static void sortRow(int[] items, long[] times, int from, int to) {
    int len = to - from;
    if (len < 2) return;
    // Pack (time, item) into sortable longs when possible; times fit in 40 bits until year 36812.
    long[] keys = new long[len];
    boolean packable = true;
    for (int k = 0; k < len; k++) {
      long t = times[from + k];
      if (t < 0 || t >= (1L << 40)) {
        packable = false;
        break;
      }
      keys[k] = (t << 23) | items[from + k];
    }
    if (packable && maxItem(items, from, to) < (1 << 23)) {
      Arrays.sort(keys);
      for (int k = 0; k < len; k++) {
        times[from + k] = keys[k] >>> 23;
        items[from + k] = (int) (keys[k] & ((1 << 23) - 1));
      }
      return;
    }
    Integer[] order = new Integer[len];
    for (int k = 0; k < len; k++) order[k] = from + k;
    Arrays.sort(order, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(items[a], items[b]));
    int[] it = new int[len];
    long[] tm = new long[len];
    for (int k = 0; k < len; k++) {
      it[k] = items[order[k]];
      tm[k] = times[order[k]];
    }
    System.arraycopy(it, 0, items, from, len);
    System.arraycopy(tm, 0, times, from, len);
  }

  private static int maxItem(int[] items, int from, int to) {
    int m = 0;
    for (int k = from; k < to; k++) m = Math.max(m, items[k]);
    return m;
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  /** Number of (user, item) pairs. */
  public int size() {
    return items.length;
  }

  /** Index of the user's first entry in {@link #item(int)} / {@link #time(int)}. */
  public int start(int user) {
    return offsets[user];
  }

  /** One past the user's last entry. */
  public int end(int user) {
    return offsets[user + 1];
  }

  public int length(int user) {
    return offsets[user + 1] - offsets[user];
  }

  public int item(int entry) {
    return items[entry];
  }

  public long time(int entry) {
    return times[entry];
  }

  /** The user's items in time order (a copy). */
  public int[] itemsOf(int user) {
    return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
  }

  /** Interactions per item. */
  public int[] itemCounts() {
    int[] counts = new int[numItems];
    for (int it : items) counts[it]++;
    return counts;
  }

  /** Time of the user's last interaction, or Long.MIN_VALUE for an empty history. */
  public long lastTime(int user) {
    return length(user) == 0 ? Long.MIN_VALUE : times[offsets[user + 1] - 1];
  }

  /** Keeps the entries for which {@code keep[entry]} is true (order preserved). */
  public Interactions filter(boolean[] keep) {
    int[] newOffsets = new int[numUsers + 1];
    int kept = 0;
    for (boolean b : keep) if (b) kept++;
    int[] newItems = new int[kept];
    long[] newTimes = new long[kept];
    int pos = 0;
    for (int u = 0; u < numUsers; u++) {
      for (int k = offsets[u]; k < offsets[u + 1]; k++) {
        if (keep[k]) {
          newItems[pos] = items[k];
          newTimes[pos++] = times[k];
        }
      }
      newOffsets[u + 1] = pos;
    }
    return new Interactions(numUsers, numItems, newOffsets, newItems, newTimes);
  }

  /** Per-user item sets sorted by item index (for membership tests). */
  public int[][] sortedItemSets() {
    int[][] sets = new int[numUsers][];
    for (int u = 0; u < numUsers; u++) {
      sets[u] = itemsOf(u);
      Arrays.sort(sets[u]);
    }
    return sets;
  }

  /**
   * Content fingerprint of the pairs and times, used in split and dataset hashes so runs can prove they
   * saw the same data.
   */
  public String fingerprint() {
    Hashing h = new Hashing();
    h.add(numUsers).add(numItems);
    for (int o : offsets) h.add(o);
    for (int it : items) h.add(it);
    for (long t : times) h.add(t);
    return h.hex();
  }
}
