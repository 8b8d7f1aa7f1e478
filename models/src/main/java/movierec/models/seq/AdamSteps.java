package movierec.models.seq;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba 2015) over a graph's variables by name, with L2 weight added to the gradient as
 * SameDiff's {@code TrainingConfig.l2} does: the training loop computes gradients itself (see
 * {@link SameDiffSequenceModel}'s embedded lookups), so it applies them itself, with ND4J's fused updater.
 */
final class AdamSteps {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final Map<String, INDArray[]> moments = new HashMap<>();
  private final double l2;
  private double learningRate;
  private int step;

  AdamSteps(double learningRate, double l2) {
    this.learningRate = learningRate;
    this.l2 = l2;
  }

  void learningRate(double rate) {
    learningRate = rate;
  }

  /** One step: each value in {@code values} moves against its gradient in {@code gradients} (consumed). */
  void apply(Map<String, INDArray> values, Map<String, INDArray> gradients) {
    for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
      INDArray w = values.get(e.getKey());
      INDArray g = e.getValue();
      if (l2 > 0) g.addi(w.mul(l2));
      INDArray[] mv = moments.computeIfAbsent(e.getKey(), k -> new INDArray[] {Nd4j.zerosLike(w), Nd4j.zerosLike(w)});
      // The op turns the gradient into the bias-corrected step (its iteration argument is 0-based).
      Nd4j.exec(new AdamUpdater(g, mv[1], mv[0], learningRate, BETA1, BETA2, EPS, step));
      w.subi(g);
    }
    step++;
  }
}
