package movierec.models.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) over a net's parameters with libtorch's fused update (DJL's {@code adamUpdate}, as
 * DJL's own Adam calls it), L2 weight added to the gradient. The moments are created here, up front, because
 * DJL's Adam creates them lazily inside the first step, whose scope would free them.
 */
final class Adam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final List<NDArray> params;
  private final NDArray[][] moments;
  private final float l2;
  private float learningRate;
  private int step;

  Adam(List<NDArray> params, double learningRate, double l2) {
    this.params = params;
    this.moments = params.stream().map(p -> new NDArray[] {p.zerosLike(), p.zerosLike()}).toArray(NDArray[][]::new);
    this.learningRate = (float) learningRate;
    this.l2 = (float) l2;
  }

  void learningRate(double rate) {
    learningRate = (float) rate;
  }

  /** One step against the gradients of the last backward pass, which it then zeroes. */
  void step() {
    step++;
    float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i);
      NDList inputs = new NDList(w, w.getGradient(), moments[i][0], moments[i][1]);
      w.getNDArrayInternal().adamUpdate(inputs, new NDList(w), learningRate, corrected, l2, 1f, -1f, BETA1, BETA2, EPS, true, false);
    }
  }
}
