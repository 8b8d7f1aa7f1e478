package movierec.models.linalg;

import java.util.Arrays;
import movierec.core.data.Interactions;

/**
 * A dense matrix kept in column panels of {@link #WIDTH} columns (each panel rows × WIDTH, contiguous) for
 * products with sparse binary rows: {@code out[b, :] = Σ_{i ∈ x.row(users[b])} M[i, :]}, how EASE-like models
 * score (issue 14: at the competition's scale 5.1 M interactions × 6,807 columns, 35 G additions).
 *
 * <p>The product runs panel by panel over the whole batch of users, item by item: a panel row is loaded once
 * into registers and added into the accumulators of the batch's users who have that item, which stay in
 * L2 (1,024 users × 32 floats = 128 KB). Contiguous panels stream from memory in order; the row-major
 * matrix, read with a 27 KB stride, cost five times as much (measured: 0.37 against 1.8 ns per addition).
 * With the incubator Vector API ({@code --add-modules jdk.incubator.vector}, set by the movierec script and
 * the tests) a panel row is four AVX2 registers, 3–4× faster than the loop C2 auto-vectorises; a JVM
 * without the module runs that scalar loop with the same results.
 */
public final class PanelMatrix {
  /** Columns per panel: a 6,807-row panel is 870 KB, streamed once per batch. */
  public static final int WIDTH = 32;
  /**
   * Rows per pass over the panels: 1,024 × 32 floats of accumulators (128 KB) stay in L2, and each pass streams the
   * whole matrix, so twice the rows of 512 halve that traffic (competition scale: 0.051–0.058 against 0.072–0.075 ns
   * an addition single-threaded; 2,048 and 4,096 rows were 0.058–0.065).
   */
  static final int BATCH = 1024;
  static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private final int rows;
  private final int cols;
  private final float[] panels;

  private PanelMatrix(int rows, int cols, float[] panels) {
    this.rows = rows;
    this.cols = cols;
    this.panels = panels;
  }

  /** Repacks a row-major rows × cols matrix (left unchanged). */
  public static PanelMatrix of(float[] rowMajor, int rows, int cols) {
    PanelMatrix m = zeros(rows, cols);
    m.copyFrom(rowMajor);
    return m;
  }

  /** A rows × cols matrix of zeros, to be filled by {@link #copyFrom} or {@link #setCombination}. */
  public static PanelMatrix zeros(int rows, int cols) {
    return new PanelMatrix(rows, cols, new float[rows * cols]);
  }

  /** Overwrites this matrix with a row-major one of the same shape (reusing the storage, e.g. per ADMM step). */
  public void copyFrom(float[] rowMajor) {
    if (rowMajor.length != panels.length) throw new IllegalArgumentException("matrix is not " + rows + " × " + cols);
    Parallel.forRange(panelCount(cols), 1, (from, to) -> {
      for (int p = from; p < to; p++) {
        int j0 = p * WIDTH;
        int w = Math.min(WIDTH, cols - j0);
        int base = j0 * rows;
        for (int i = 0; i < rows; i++) System.arraycopy(rowMajor, i * cols + j0, panels, base + i * w, w);
      }
    });
  }

  /** The matrix row-major, as {@link #of} took it. */
  public float[] toRowMajor() {
    float[] out = new float[panels.length];
    for (int p = 0; p < panelCount(cols); p++) {
      int j0 = p * WIDTH;
      int w = Math.min(WIDTH, cols - j0);
      int base = j0 * rows;
      for (int i = 0; i < rows; i++) System.arraycopy(panels, base + i * w, out, i * cols + j0, w);
    }
    return out;
  }

  /** Overwrites this matrix with {@code alpha·a + beta·b}, a and b of this shape (one sequential pass, no temporary). */
  public void setCombination(float alpha, PanelMatrix a, float beta, PanelMatrix b) {
    if (a.panels.length != panels.length || b.panels.length != panels.length) throw new IllegalArgumentException("matrix is not " + rows + " × " + cols);
    float[] x = a.panels;
    float[] y = b.panels;
    Parallel.forRange(panels.length, 1 << 16, (from, to) -> {
      for (int k = from; k < to; k++) panels[k] = alpha * x[k] + beta * y[k];
    });
  }

  /**
   * The storage itself, panel after panel: panel p holds columns [j0, j0 + w) with j0 = p·{@link #WIDTH} and
   * w = min(WIDTH, cols − j0), row i of it at {@code j0·rows + i·w}; {@link #index} maps an entry. Elementwise
   * passes over matrices of one shape (ADMM-SLIM's iterates) run over it in order, without a row-major copy.
   */
  public float[] values() {
    return panels;
  }

  /** Where entry (row, col) is in {@link #values()}. */
  public int index(int row, int col) {
    int j0 = col / WIDTH * WIDTH;
    return j0 * rows + row * Math.min(WIDTH, cols - j0) + col - j0;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /**
   * Receives one finished block of a product {@link #sumRows(Interactions, int[], BlockSink)}: the product's rows
   * {@code first .. first + count} (positions in its {@code users}) at columns {@code [j0, j0 + w)}, row r's values at
   * {@code acc[r·WIDTH ..]}. Blocks of different panels arrive concurrently, each block once.
   */
  @FunctionalInterface
  public interface BlockSink {
    void accept(int first, int count, int j0, int w, float[] acc);
  }

  /** {@code out[b, :] = Σ_{i ∈ x.row(users[b])} M[i, :]} (users.length × cols, row-major); x has {@link #rows} items. */
  public void sumRows(Interactions x, int[] users, float[] out) {
    sumRows(x, users, out, VECTOR_API);
  }

  /** As {@link #sumRows(Interactions, int[], float[])}, with the Vector API kernel or the scalar one (tests compare them). */
  void sumRows(Interactions x, int[] users, float[] out, boolean vector) {
    sumRows(x, users, (first, count, j0, w, acc) -> {
      for (int r = 0; r < count; r++) System.arraycopy(acc, r * WIDTH, out, (first + r) * cols + j0, w);
    }, vector);
  }

  /** The same product handed over block by block, for a caller that consumes it in place of storing it. */
  public void sumRows(Interactions x, int[] users, BlockSink sink) {
    sumRows(x, users, sink, VECTOR_API);
  }

  private void sumRows(Interactions x, int[] users, BlockSink sink, boolean vector) {
    if (x.numItems() != rows) throw new IllegalArgumentException("rows have " + x.numItems() + " items, the matrix " + rows + " rows");
    // Batches of at most BATCH rows keep the accumulators in L2 (ADMM-SLIM's Xᵀ products have one row per item).
    for (int from = 0; from < users.length; from += BATCH) {
      int to = Math.min(users.length, from + BATCH);
      sumBatch(x, Arrays.copyOfRange(users, from, to), from, sink, vector);
    }
  }

  private void sumBatch(Interactions x, int[] users, int first, BlockSink sink, boolean vector) {
    int batch = users.length;
    // The batch transposed: for each item, the accumulator offsets (batch row × WIDTH) of the users who have it.
    int[] itemStart = new int[rows + 1];
    for (int u : users) for (int e = x.start(u); e < x.end(u); e++) itemStart[x.item(e) + 1]++;
    for (int i = 0; i < rows; i++) itemStart[i + 1] += itemStart[i];
    int[] fill = Arrays.copyOf(itemStart, rows);
    int[] accOffsets = new int[itemStart[rows]];
    for (int b = 0; b < batch; b++) {
      for (int e = x.start(users[b]); e < x.end(users[b]); e++) accOffsets[fill[x.item(e)]++] = b * WIDTH;
    }
    Parallel.forRange(panelCount(cols), 1, (from, to) -> {
      float[] acc = new float[batch * WIDTH];
      for (int p = from; p < to; p++) {
        int j0 = p * WIDTH;
        int w = Math.min(WIDTH, cols - j0);
        int base = j0 * rows;
        Arrays.fill(acc, 0f);
        if (vector && w == WIDTH) VectorPanels.addRows(panels, base, rows, itemStart, accOffsets, acc);
        else addRows(base, w, itemStart, accOffsets, acc);
        sink.accept(first, batch, j0, w, acc);
      }
    });
  }

  private void addRows(int base, int w, int[] itemStart, int[] accOffsets, float[] acc) {
    for (int i = 0; i < rows; i++) {
      int src = base + i * w;
      for (int c = itemStart[i]; c < itemStart[i + 1]; c++) {
        int a = accOffsets[c];
        for (int j = 0; j < w; j++) acc[a + j] += panels[src + j];
      }
    }
  }

  private static int panelCount(int cols) {
    return (cols + WIDTH - 1) / WIDTH;
  }
}
