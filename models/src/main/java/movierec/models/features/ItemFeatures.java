package movierec.models.features;

import java.util.ArrayList;
import java.util.List;
import movierec.core.data.ItemAttribute;
import movierec.core.data.ItemSide;

/**
 * One-hot encoding of (user, item) pairs for the feature-based families (FM, FFM, DeepFM). A pair's
 * features are the user id (field {@link #USER}) and the item's: its id, its genres, directors and
 * writers (multi-valued fields, each value weighted 1/count so that a field adds up to one, as the FM
 * paper does for sets), and its release decade. Items without a value in a field have no feature there.
 *
 * <p>Feature indices are global over one table: users first (feature u is user u), then item ids, genres,
 * directors, writers and decades. Per item the features are kept in compressed rows.
 */
public final class ItemFeatures {
  public static final int USER = 0;
  public static final int ITEM = 1;
  public static final int GENRE = 2;
  public static final int DIRECTOR = 3;
  public static final int WRITER = 4;
  public static final int YEAR = 5;
  public static final int FIELDS = 6;
  /** Decades: 5-year buckets would split the older, sparser years into buckets of a handful of items. */
  private static final int YEAR_BUCKET = 10;

  private final int numUsers;
  private final int numItems;
  private final int numFeatures;
  private final int[] offsets;
  private final int[] features;
  private final float[] weights;
  private final byte[] fields;
  private final int maxLength;

  private ItemFeatures(int numUsers, int numItems, int numFeatures, int[] offsets, int[] features, float[] weights, byte[] fields) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.numFeatures = numFeatures;
    this.offsets = offsets;
    this.features = features;
    this.weights = weights;
    this.fields = fields;
    int m = 0;
    for (int i = 0; i < numItems; i++) m = Math.max(m, offsets[i + 1] - offsets[i]);
    this.maxLength = m;
  }

  /** Encodes the items of {@code side} for a model over {@code numUsers} users. */
  public static ItemFeatures of(int numUsers, int numItems, ItemSide side) {
    if (side.years().length != numItems) throw new IllegalArgumentException("side information has " + side.years().length + " items, data " + numItems);
    int minDecade = Integer.MAX_VALUE;
    int maxDecade = Integer.MIN_VALUE;
    for (int y : side.years()) {
      if (y == ItemSide.NO_YEAR) continue;
      minDecade = Math.min(minDecade, Math.floorDiv(y, YEAR_BUCKET));
      maxDecade = Math.max(maxDecade, Math.floorDiv(y, YEAR_BUCKET));
    }
    int decades = minDecade > maxDecade ? 0 : maxDecade - minDecade + 1;
    int genreBase = numUsers + numItems;
    int directorBase = genreBase + side.genres().numValues();
    int writerBase = directorBase + side.directors().numValues();
    int yearBase = writerBase + side.writers().numValues();

    int[] offsets = new int[numItems + 1];
    List<int[]> rows = new ArrayList<>();
    List<float[]> rowWeights = new ArrayList<>();
    for (int i = 0; i < numItems; i++) {
      int[] g = side.genres().of(i);
      int[] d = side.directors().of(i);
      int[] w = side.writers().of(i);
      boolean year = side.hasYear(i);
      int len = 1 + g.length + d.length + w.length + (year ? 1 : 0);
      int[] row = new int[len];
      float[] rw = new float[len];
      row[0] = numUsers + i;
      rw[0] = 1f;
      int pos = 1;
      pos = put(row, rw, pos, g, genreBase);
      pos = put(row, rw, pos, d, directorBase);
      pos = put(row, rw, pos, w, writerBase);
      if (year) {
        row[pos] = yearBase + Math.floorDiv(side.years()[i], YEAR_BUCKET) - minDecade;
        rw[pos] = 1f;
      }
      rows.add(row);
      rowWeights.add(rw);
      offsets[i + 1] = offsets[i] + len;
    }
    int[] features = new int[offsets[numItems]];
    float[] weights = new float[features.length];
    byte[] fields = new byte[features.length];
    int[] bases = {0, numUsers, genreBase, directorBase, writerBase, yearBase, yearBase + decades};
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(rows.get(i), 0, features, offsets[i], rows.get(i).length);
      System.arraycopy(rowWeights.get(i), 0, weights, offsets[i], rows.get(i).length);
      for (int e = offsets[i]; e < offsets[i + 1]; e++) {
        int field = ITEM;
        while (features[e] >= bases[field + 1]) field++;
        fields[e] = (byte) field;
      }
    }
    return new ItemFeatures(numUsers, numItems, yearBase + decades, offsets, features, weights, fields);
  }

  /** Writes the values of one multi-valued attribute, each weighted 1/count. */
  private static int put(int[] row, float[] weights, int pos, int[] values, int base) {
    for (int v : values) {
      row[pos] = base + v;
      weights[pos++] = 1f / values.length;
    }
    return pos;
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  /** Size of the feature table: users, items and every side value. */
  public int numFeatures() {
    return numFeatures;
  }

  /** Index of the item's first entry. */
  public int start(int item) {
    return offsets[item];
  }

  /** One past the item's last entry. */
  public int end(int item) {
    return offsets[item + 1];
  }

  /** The most features any item has: the size of per-pair scratch buffers. */
  public int maxLength() {
    return maxLength;
  }

  /** Global feature index of an entry. */
  public int feature(int entry) {
    return features[entry];
  }

  /** Value x of an entry's feature (1, or 1/count in a multi-valued field). */
  public float weight(int entry) {
    return weights[entry];
  }

  /** Field of an entry's feature: {@link #ITEM} to {@link #YEAR}. */
  public int field(int entry) {
    return fields[entry];
  }
}
