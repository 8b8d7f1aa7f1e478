package movierec.models.nn;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reconstruction losses of a batch against sparse targets. Each returns the summed loss over rows and
 * overwrites the output matrix with the gradient of {@code scale} × that sum (scale = 1 / rows for a
 * batch mean). They run in Java, row by row in parallel: the targets are sparse, so the correction for
 * the nonzeros is cheaper than densifying them, and each row's sum has a fixed order.
 */
public final class Losses {
  private Losses() {}

  /** Multinomial log-likelihood loss {@code -Σ_i x_i log softmax(l)_i} (Liang et al.); gradient {@code Σx·softmax(l) - x}. */
  public static double multinomial(INDArray logits, SparseRows x, double scale) {
    int cols = checkShape(logits, x);
    float[] l = Tensors.read(logits);
    double[] loss = new double[x.rows()];
    IntStream.range(0, x.rows()).parallel().forEach(r -> {
      int o = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) max = Math.max(max, l[o + j]);
      double dot = 0;
      for (int p = x.start(r); p < x.end(r); p++) dot += x.value(p) * l[o + x.index(p)];
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        float e = (float) Math.exp(l[o + j] - max);
        l[o + j] = e;
        sum += e;
      }
      double n = x.rowSum(r);
      loss[r] = n * (max + Math.log(sum)) - dot;
      float f = (float) (scale * n / sum);
      for (int j = 0; j < cols; j++) l[o + j] *= f;
      for (int p = x.start(r); p < x.end(r); p++) l[o + x.index(p)] -= (float) (scale * x.value(p));
    });
    Tensors.write(l, logits);
    return sum(loss);
  }

  /** Binary cross-entropy over every entry with the output as logits (CDAE); gradient {@code sigmoid(l) - x}. */
  public static double logistic(INDArray logits, SparseRows x, double scale) {
    int cols = checkShape(logits, x);
    float[] l = Tensors.read(logits);
    double[] loss = new double[x.rows()];
    IntStream.range(0, x.rows()).parallel().forEach(r -> {
      int o = r * cols;
      double s = 0;
      for (int p = x.start(r); p < x.end(r); p++) s -= x.value(p) * l[o + x.index(p)];
      for (int j = 0; j < cols; j++) {
        float v = l[o + j];
        float e = (float) Math.exp(-Math.abs(v));
        s += Math.max(v, 0) + Math.log1p(e);
        l[o + j] = (float) (scale * (v >= 0 ? 1 / (1 + e) : e / (1 + e)));
      }
      for (int p = x.start(r); p < x.end(r); p++) l[o + x.index(p)] -= (float) (scale * x.value(p));
      loss[r] = s;
    });
    Tensors.write(l, logits);
    return sum(loss);
  }

  /** Squared error over every entry (AutoRec); gradient {@code 2(y - x)}. */
  public static double squared(INDArray output, SparseRows x, double scale) {
    int cols = checkShape(output, x);
    float[] y = Tensors.read(output);
    double[] loss = new double[x.rows()];
    IntStream.range(0, x.rows()).parallel().forEach(r -> {
      int o = r * cols;
      for (int p = x.start(r); p < x.end(r); p++) y[o + x.index(p)] -= x.value(p);
      double s = 0;
      for (int j = 0; j < cols; j++) {
        float d = y[o + j];
        s += d * d;
        y[o + j] = (float) (2 * scale * d);
      }
      loss[r] = s;
    });
    Tensors.write(y, output);
    return sum(loss);
  }

  private static int checkShape(INDArray out, SparseRows x) {
    if (out.rows() != x.rows() || out.columns() != x.cols()) {
      throw new IllegalArgumentException("output " + out.rows() + "×" + out.columns() + " does not match targets " + x.rows() + "×" + x.cols());
    }
    return x.cols();
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) s += v;
    return s;
  }
}
