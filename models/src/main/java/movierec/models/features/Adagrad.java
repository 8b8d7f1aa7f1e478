package movierec.models.features;

import java.util.Arrays;

/**
 * AdaGrad (Duchi et al. 2011), the optimizer of Juan et al.'s FFM: each parameter's step is divided by
 * the root of its summed squared gradients. The feature-based families need it because their rows are
 * touched at very different rates: a genre's row at a large share of all steps, a user's at a
 * thousandth; with one plain SGD step size the frequent rows diverge while the rare ones barely move.
 */
public final class Adagrad {
  /** Initial sum of squares, as in LIBFFM: the first steps are at most lr × gradient. */
  private static final float INITIAL = 1f;

  private final float[] values;
  private final float[] squares;

  public Adagrad(float[] values) {
    this.values = values;
    this.squares = new float[values.length];
    Arrays.fill(squares, INITIAL);
  }

  /**
   * Steps {@code values[offset .. offset+len)} along {@code grad[from .. from+len)} plus reg × value, and
   * clears that part of {@code grad} for the next pair.
   */
  public void step(int offset, float[] grad, int from, int len, float lr, float reg) {
    for (int c = 0; c < len; c++) {
      int p = offset + c;
      float g = grad[from + c] + reg * values[p];
      squares[p] += g * g;
      values[p] -= lr * g / (float) Math.sqrt(squares[p]);
      grad[from + c] = 0f;
    }
  }
}
