package movierec.models.features;

/**
 * A parameter row per feature of {@link ItemFeatures} (numFeatures × width, row-major), and the {@link
 * Adagrad} step on the rows one (user, item) pair reads. A pair's gradient is a buffer of those rows in a fixed order:
 * row 0 the user's, then one per item entry.
 */
public final class FeatureTable {
  private final ItemFeatures features;
  private final int width;
  private final float[] values;
  private final Adagrad optimizer;

  public FeatureTable(ItemFeatures features, int width, float[] values) {
    if (values.length != features.numFeatures() * width) throw new IllegalArgumentException("table does not match " + features.numFeatures() + " features × " + width);
    this.features = features;
    this.width = width;
    this.values = values;
    this.optimizer = new Adagrad(values);
  }

  public ItemFeatures features() {
    return features;
  }

  public int width() {
    return width;
  }

  /** The live parameters. */
  public float[] values() {
    return values;
  }

  /** A gradient buffer large enough for any pair. */
  public float[] newGradient() {
    return new float[(1 + features.maxLength()) * width];
  }

  /** Offset in {@link #values()} of the row of gradient-buffer row {@code r} of (user, item). */
  public int rowOffset(int user, int item, int r) {
    return (r == 0 ? user : features.feature(features.start(item) + r - 1)) * width;
  }

  /** Rows a pair's gradient buffer uses. */
  public int rows(int item) {
    return 1 + features.end(item) - features.start(item);
  }

  /** A step along grad + reg θ on the pair's rows; clears the used part of {@code grad} for the next pair. */
  public void apply(int user, int item, float[] grad, float lr, float reg) {
    for (int r = 0; r < rows(item); r++) optimizer.step(rowOffset(user, item, r), grad, r * width, width, lr, reg);
  }
}
