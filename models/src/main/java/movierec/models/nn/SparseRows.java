package movierec.models.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;

/**
 * A batch of sparse input rows (CSR): the users' (or items') histories as the networks see them. At
 * competition scale a batch is 2.4 % dense, so the first layer works on the nonzeros only.
 */
public final class SparseRows {
  private final int rows;
  private final int cols;
  private final int[] offsets;
  private final int[] index;
  private final float[] values;

  public SparseRows(int rows, int cols, int[] offsets, int[] index, float[] values) {
    this.rows = rows;
    this.cols = cols;
    this.offsets = offsets;
    this.index = index;
    this.values = values;
  }

  /** Binary rows of {@code data} for the given row ids (users of a user-by-item CSR). */
  public static SparseRows of(Interactions data, int[] ids) {
    int[] offsets = new int[ids.length + 1];
    for (int r = 0; r < ids.length; r++) offsets[r + 1] = offsets[r] + data.length(ids[r]);
    int[] index = new int[offsets[ids.length]];
    for (int r = 0; r < ids.length; r++) {
      for (int k = data.start(ids[r]), p = offsets[r]; k < data.end(ids[r]); k++, p++) index[p] = data.item(k);
    }
    float[] values = new float[index.length];
    Arrays.fill(values, 1f);
    return new SparseRows(ids.length, data.numItems(), offsets, index, values);
  }

  /**
   * Rows scaled to unit L2 norm, then input dropout: each nonzero is kept with probability 1 - {@code
   * dropout} and scaled by 1 / (1 - dropout) (Liang et al.; RecVAE). {@code rng} is used only when dropout > 0.
   */
  public SparseRows normalized(double dropout, SplittableRandom rng) {
    float[] out = new float[values.length];
    float keepScale = (float) (1 / (1 - dropout));
    for (int r = 0; r < rows; r++) {
      double sq = 0;
      for (int p = offsets[r]; p < offsets[r + 1]; p++) sq += (double) values[p] * values[p];
      float inv = sq > 0 ? (float) (1 / Math.sqrt(sq)) : 0f;
      for (int p = offsets[r]; p < offsets[r + 1]; p++) {
        boolean keep = dropout == 0 || rng.nextDouble() >= dropout;
        out[p] = keep ? values[p] * inv * (dropout == 0 ? 1f : keepScale) : 0f;
      }
    }
    return new SparseRows(rows, cols, offsets, index, out);
  }

  /** Input corruption without normalization (CDAE, AutoRec): kept entries scaled by 1 / (1 - dropout). */
  public SparseRows dropout(double dropout, SplittableRandom rng) {
    if (dropout == 0) return this;
    float[] out = new float[values.length];
    float keepScale = (float) (1 / (1 - dropout));
    for (int p = 0; p < values.length; p++) out[p] = rng.nextDouble() >= dropout ? values[p] * keepScale : 0f;
    return new SparseRows(rows, cols, offsets, index, out);
  }

  /** These rows with one extra nonzero of value 1 per row, at column {@code cols + extra[r]} (CDAE's user node). */
  public SparseRows withIndicators(int[] extra, int extraCols) {
    int[] o = new int[rows + 1];
    int[] idx = new int[index.length + rows];
    float[] val = new float[idx.length];
    for (int r = 0; r < rows; r++) {
      int n = offsets[r + 1] - offsets[r];
      System.arraycopy(index, offsets[r], idx, o[r], n);
      System.arraycopy(values, offsets[r], val, o[r], n);
      idx[o[r] + n] = cols + extra[r];
      val[o[r] + n] = 1f;
      o[r + 1] = o[r] + n + 1;
    }
    return new SparseRows(rows, cols + extraCols, o, idx, val);
  }

  /** The same matrix in compressed sparse columns, stored as a SparseRows of the transpose. */
  public SparseRows transpose() {
    int[] o = new int[cols + 1];
    for (int i : index) o[i + 1]++;
    for (int c = 0; c < cols; c++) o[c + 1] += o[c];
    int[] fill = Arrays.copyOf(o, cols);
    int[] idx = new int[index.length];
    float[] val = new float[index.length];
    for (int r = 0; r < rows; r++) {
      for (int p = offsets[r]; p < offsets[r + 1]; p++) {
        int q = fill[index[p]]++;
        idx[q] = r;
        val[q] = values[p];
      }
    }
    return new SparseRows(cols, rows, o, idx, val);
  }

  /** Adds {@code scale} × these rows into a dense row-major rows × cols array (losses over all entries). */
  public void addTo(float[] dense, float scale) {
    for (int r = 0; r < rows; r++) {
      for (int p = offsets[r]; p < offsets[r + 1]; p++) dense[r * cols + index[p]] += scale * values[p];
    }
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int start(int row) {
    return offsets[row];
  }

  public int end(int row) {
    return offsets[row + 1];
  }

  public int index(int entry) {
    return index[entry];
  }

  public float value(int entry) {
    return values[entry];
  }

  /** Sum of a row's values (the number of items of a binary row). */
  public float rowSum(int row) {
    float s = 0;
    for (int p = offsets[row]; p < offsets[row + 1]; p++) s += values[p];
    return s;
  }
}
