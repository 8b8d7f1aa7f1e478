package movierec.models.seq;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;

/**
 * A batch of fixed-length windows over users' histories, as tokens: an item's token is its index; the
 * padding token is numItems; families may add special tokens after it (BERT4Rec's mask). Windows are
 * left-padded so that every user's latest item sits at the last position. {@code targets} holds the
 * item to predict at each position, or -1 where nothing is predicted.
 */
public final class Batch {
  private final int size;
  private final int len;
  private final int pad;
  private final int[] tokens;
  private final int[] targets;

  public Batch(int size, int len, int pad) {
    this.size = size;
    this.len = len;
    this.pad = pad;
    this.tokens = new int[size * len];
    this.targets = new int[size * len];
    Arrays.fill(tokens, pad);
    Arrays.fill(targets, -1);
  }

  public int size() {
    return size;
  }

  public int len() {
    return len;
  }

  public int pad() {
    return pad;
  }

  /** Row-major [size, len]; families write their inputs here. */
  public int[] tokens() {
    return tokens;
  }

  /** Row-major [size, len]; -1 where the position has no target. */
  public int[] targets() {
    return targets;
  }

  /**
   * Writes into row {@code row} of {@code dest} the user's items from history entries before
   * {@code end} (absolute, as in {@link Interactions#end}), at most len of them, left-padded; returns
   * how many items it wrote.
   */
  public int window(int[] dest, int row, Interactions x, int user, int end) {
    int n = Math.min(len, end - x.start(user));
    int base = row * len + len - n;
    for (int k = 0; k < n; k++) dest[base + k] = x.item(end - n + k);
    return n;
  }

  /**
   * The cloze task on row {@code row} (BERT4Rec, S3Rec's masked item prediction): each item token becomes
   * {@code mask} with probability {@code probability} and its position's target the item; at least one
   * item is masked (the latest when the draws mask none), so every row has a target.
   */
  public void cloze(int row, double probability, int mask, SplittableRandom random) {
    int last = -1;
    boolean any = false;
    for (int p = row * len; p < (row + 1) * len; p++) {
      if (tokens[p] >= pad) continue;
      last = p;
      if (random.nextDouble() < probability) {
        targets[p] = tokens[p];
        tokens[p] = mask;
        any = true;
      }
    }
    if (!any && last >= 0) {
      targets[last] = tokens[last];
      tokens[last] = mask;
    }
  }

  /**
   * Masks row {@code row}'s latest item (its last position) and makes it that position's target, unless
   * it is padding or masked already: the next-item task that scoring asks (a mask after the latest item).
   */
  public void maskLatest(int row, int mask) {
    int p = (row + 1) * len - 1;
    if (tokens[p] >= pad) return;
    targets[p] = tokens[p];
    tokens[p] = mask;
  }

  /** Shifts row {@code row}'s tokens one position left, dropping the oldest, and puts {@code token} last. */
  public void append(int row, int token) {
    int base = row * len;
    System.arraycopy(tokens, base + 1, tokens, base, len - 1);
    tokens[base + len - 1] = token;
  }
}
