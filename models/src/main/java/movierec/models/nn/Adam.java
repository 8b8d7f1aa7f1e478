package movierec.models.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba 2015) with L2 weight decay added to the gradient, as PyTorch's {@code Adam(weight_decay=)}.
 * ND4J parameters use ND4J's fused updater (one pass instead of a dozen element-wise ops); Java-array
 * parameters are updated in parallel chunks, each element independently, so the result does not depend
 * on the thread count.
 */
public final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  private static final int CHUNK = 1 << 16;

  private final List<Param> params;
  private final List<Object[]> moments = new ArrayList<>();
  private final double learningRate;
  private final double weightDecay;
  private int step;

  public Adam(List<Param> params, double learningRate, double weightDecay) {
    this.params = List.copyOf(params);
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    for (Param p : this.params) {
      if (p instanceof Param.Tensor t) {
        moments.add(new Object[] {Tensors.zeros(t.value().rows(), t.value().columns()), Tensors.zeros(t.value().rows(), t.value().columns())});
      } else {
        moments.add(new Object[] {new float[p.size()], new float[p.size()]});
      }
    }
  }

  /** Applies one update from the gradients currently held by the parameters. */
  public void step() {
    step++;
    for (int k = 0; k < params.size(); k++) {
      Object[] mv = moments.get(k);
      if (params.get(k) instanceof Param.Tensor t) {
        update(t, (INDArray) mv[0], (INDArray) mv[1]);
      } else {
        update((Param.Array) params.get(k), (float[]) mv[0], (float[]) mv[1]);
      }
    }
  }

  private void update(Param.Tensor p, INDArray m, INDArray v) {
    INDArray g = p.grad();
    if (weightDecay > 0) g.addi(p.value().mul(weightDecay));
    // The op turns the gradient into the bias-corrected step (its iteration argument is 0-based).
    Nd4j.exec(new AdamUpdater(g, v, m, learningRate, BETA1, BETA2, EPS, step - 1));
    p.value().subi(g);
  }

  private void update(Param.Array p, float[] m, float[] v) {
    float[] w = p.value();
    float[] g = p.grad();
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float wd = (float) weightDecay;
    // Same arithmetic as the fused op: lr_t = lr·sqrt(1-β2^t)/(1-β1^t), step = lr_t·m/(sqrt(v)+ε).
    float lrT = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
    float eps = (float) EPS;
    IntStream.range(0, (w.length + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
      int to = Math.min(w.length, (c + 1) * CHUNK);
      for (int i = c * CHUNK; i < to; i++) {
        float gi = g[i] + wd * w[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        w[i] -= lrT * m[i] / ((float) Math.sqrt(v[i]) + eps);
      }
    });
  }
}
