package movierec.models.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Compares hand-written gradients with central differences of the loss, on sampled coordinates. */
public final class GradientCheck {
  private static final double EPS = 3e-3;

  private GradientCheck() {}

  /**
   * @param loss computes the loss and sets every parameter's gradient
   * @param samples coordinates checked per parameter
   * @param tolerance allowed |analytic - numeric| relative to max(|numeric|, 1e-2 · the largest gradient)
   */
  public static void assertGradients(List<Param> params, DoubleSupplier loss, int samples, double tolerance) {
    loss.getAsDouble();
    float[][] analytic = params.stream().map(GradientCheck::gradient).toArray(float[][]::new);
    float largest = 0;
    for (float[] g : analytic) for (float v : g) largest = Math.max(largest, Math.abs(v));
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < params.size(); k++) {
      Param p = params.get(k);
      float[] values = p.values();
      for (int s = 0; s < samples; s++) {
        int i = rng.nextInt(values.length);
        float original = values[i];
        values[i] = (float) (original + EPS);
        p.setValues(values);
        double plus = loss.getAsDouble();
        values[i] = (float) (original - EPS);
        p.setValues(values);
        double minus = loss.getAsDouble();
        values[i] = original;
        p.setValues(values);
        double numeric = (plus - minus) / (2 * EPS);
        double error = Math.abs(numeric - analytic[k][i]);
        double scale = Math.max(Math.abs(numeric), 1e-2 * largest);
        assertTrue(error <= tolerance * scale,
            String.format("parameter %d coordinate %d: analytic %.6g, numeric %.6g", k, i, analytic[k][i], numeric));
      }
    }
  }

  private static float[] gradient(Param p) {
    return p instanceof Param.Tensor t ? Tensors.read(t.grad()) : ((Param.Array) p).grad().clone();
  }
}
