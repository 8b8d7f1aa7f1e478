package movierec.models.features;

import java.util.Arrays;

/**
 * A mini-batch of (user, item) rows for the feature-based families. Rows that share an item share its
 * side features, so the batch also numbers its distinct items ("slots"): a family computes an item's
 * feature sums once per slot, and scatters the gradient of all the slot's rows into the item's features
 * once, through {@link #slotSums}.
 */
public final class PairBatch {
  private final int[] users;
  private final int[] items;
  private final int[] slots;
  private final int[] slotItems;
  /** Slot of each item in this batch, -1 when the batch has none of it. */
  private final int[] slotOf;
  private int size;
  private int numSlots;

  public PairBatch(int capacity, int numItems) {
    users = new int[capacity];
    items = new int[capacity];
    slots = new int[capacity];
    slotItems = new int[Math.min(capacity, numItems)];
    slotOf = new int[numItems];
    Arrays.fill(slotOf, -1);
  }

  /** A batch of one row: scoring a single pair (tests, gradient checks). */
  public static PairBatch of(int user, int item, int numItems) {
    PairBatch b = new PairBatch(1, numItems);
    b.add(user, item);
    return b;
  }

  public void clear() {
    for (int s = 0; s < numSlots; s++) slotOf[slotItems[s]] = -1;
    size = 0;
    numSlots = 0;
  }

  public void add(int user, int item) {
    int slot = slotOf[item];
    if (slot < 0) {
      slot = numSlots++;
      slotOf[item] = slot;
      slotItems[slot] = item;
    }
    users[size] = user;
    items[size] = item;
    slots[size++] = slot;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return users.length;
  }

  public int user(int row) {
    return users[row];
  }

  public int item(int row) {
    return items[row];
  }

  /** The slot of the row's item. */
  public int slot(int row) {
    return slots[row];
  }

  public int numSlots() {
    return numSlots;
  }

  public int slotItem(int slot) {
    return slotItems[slot];
  }

  /**
   * Per slot, the summed coefficient of its rows ({@code sumCoef[slot]}) and the coefficient-weighted sum
   * of {@code len} values of each row's user row, read from {@code values} at {@code user × rowWidth +
   * offset} ({@code sumUser[slot × len ..]}): what the gradient of Σ coef_r ⟨v_u, ·⟩ terms needs on the
   * item side. Rows are added in order, so the result does not depend on threads.
   */
  public void slotSums(float[] coef, float[] values, int rowWidth, int offset, int len, float[] sumCoef, float[] sumUser) {
    Arrays.fill(sumCoef, 0, numSlots, 0f);
    Arrays.fill(sumUser, 0, numSlots * len, 0f);
    for (int r = 0; r < size; r++) {
      int s = slots[r];
      float c = coef[r];
      sumCoef[s] += c;
      int uo = users[r] * rowWidth + offset;
      int so = s * len;
      for (int d = 0; d < len; d++) sumUser[so + d] += c * values[uo + d];
    }
  }
}
