package movierec.models.features;

/**
 * A parameter row per feature of {@link ItemFeatures} (numFeatures × width, row-major), a gradient of the
 * same shape whose rows a batch touched, and the {@link Adagrad} step on those rows only (a batch reads a
 * few hundred of the table's rows; stepping the rest would only apply the L2 term to untouched rows).
 */
public final class FeatureTable {
  private final ItemFeatures features;
  private final int width;
  private final float[] values;
  private final float[] gradient;
  private final Adagrad optimizer;
  private final boolean[] touched;
  private final int[] touchedRows;
  private int numTouched;

  public FeatureTable(ItemFeatures features, int width, float[] values) {
    if (values.length != features.numFeatures() * width) throw new IllegalArgumentException("table does not match " + features.numFeatures() + " features × " + width);
    this.features = features;
    this.width = width;
    this.values = values;
    this.gradient = new float[values.length];
    this.optimizer = new Adagrad(values);
    this.touched = new boolean[features.numFeatures()];
    this.touchedRows = new int[features.numFeatures()];
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

  /** The gradient being accumulated: add to a row only at the offset {@link #touch} returned for it. */
  public float[] gradient() {
    return gradient;
  }

  /** Marks the feature's row for the next {@link #apply} and returns its offset in values and gradient. */
  public int touch(int feature) {
    if (!touched[feature]) {
      touched[feature] = true;
      touchedRows[numTouched++] = feature;
    }
    return feature * width;
  }

  /** A step along gradient + reg θ on the touched rows; clears their gradient for the next batch. */
  public void apply(float lr, float reg) {
    for (int t = 0; t < numTouched; t++) {
      int f = touchedRows[t];
      optimizer.step(f * width, gradient, f * width, width, lr, reg);
      touched[f] = false;
    }
    numTouched = 0;
  }
}
