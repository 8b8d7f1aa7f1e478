package movierec.core.split;

import java.util.Arrays;
import java.util.Locale;
import movierec.core.train.RunDefaults;
import java.util.SplittableRandom;
import movierec.core.data.Hashing;
import movierec.core.data.Interactions;

/**
 * How validation answers are held out, shaped like the competition's hidden set: per user the last
 * {@code last} items by time plus {@code random} items drawn from the rest of the history. A short
 * history keeps at least half of its items. {@code leave-last-out} is {@code last=1, random=0}.
 */
public record SplitProtocol(String name, int last, int random, long seed) {
  public static final String HOLDOUT = "holdout";
  public static final String LEAVE_LAST_OUT = "leave-last-out";

  public SplitProtocol {
    if (last < 0) throw new IllegalArgumentException("split.last must be >= 0, got " + last);
    if (random < 0) throw new IllegalArgumentException("split.random must be >= 0, got " + random);
    if (last + random == 0) throw new IllegalArgumentException("split must hold out at least one item (last + random > 0)");
  }

  /** The default protocol: the last item plus 9 at random ({@link RunDefaults}). */
  public static SplitProtocol holdout(long seed) {
    return new SplitProtocol(HOLDOUT, RunDefaults.HOLDOUT_LAST, RunDefaults.HOLDOUT_RANDOM, seed);
  }

  public static SplitProtocol leaveLastOut(long seed) {
    return new SplitProtocol(LEAVE_LAST_OUT, 1, 0, seed);
  }

  /** Builds a protocol by name; {@code last}/{@code random} apply to holdout only. */
  public static SplitProtocol named(String name, int last, int random, long seed) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case HOLDOUT -> new SplitProtocol(HOLDOUT, last, random, seed);
      case LEAVE_LAST_OUT -> leaveLastOut(seed);
      default -> throw new IllegalArgumentException("unknown split '" + name + "'; valid: " + HOLDOUT + ", " + LEAVE_LAST_OUT);
    };
  }

  public Split apply(Interactions data) {
    boolean[] keep = new boolean[data.size()];
    Arrays.fill(keep, true);
    int[][] truth = new int[data.numUsers()][];
    for (int u = 0; u < data.numUsers(); u++) {
      int start = data.start(u);
      int len = data.length(u);
      int held = Math.min(last + random, len / 2);
      int tail = Math.min(last, held);
      int[] out = new int[held];
      int n = 0;
      for (int k = len - tail; k < len; k++) {
        keep[start + k] = false;
        out[n++] = data.item(start + k);
      }
      // Partial Fisher-Yates over the earlier part: a per-user generator keeps users independent.
      int pool = len - tail;
      int[] idx = new int[pool];
      for (int k = 0; k < pool; k++) idx[k] = k;
      SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + u);
      for (int d = 0; d < held - tail; d++) {
        int j = d + rng.nextInt(pool - d);
        int tmp = idx[d];
        idx[d] = idx[j];
        idx[j] = tmp;
        keep[start + idx[d]] = false;
        out[n++] = data.item(start + idx[d]);
      }
      Arrays.sort(out);
      truth[u] = out;
    }
    String hash = new Hashing().add(data.fingerprint()).add(name).add(last).add(random).add(seed).hex();
    return new Split(this, data.filter(keep), truth, hash);
  }

  @Override
  public String toString() {
    return name.equals(HOLDOUT) ? String.format("holdout(last=%d, random=%d, seed=%d)", last, random, seed) : name + "(seed=" + seed + ")";
  }
}
