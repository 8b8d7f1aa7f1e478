package movierec.models.gru4rec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import movierec.models.seq.Net;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceModel;

/**
 * GRU4Rec: B. Hidasi, A. Karatzoglou, L. Baltrunas, D. Tikk, "Session-based Recommendations with
 * Recurrent Neural Networks", ICLR 2016. A GRU reads the user's items in order; its state at each
 * position predicts the next item. Instead of session-parallel mini-batches, each batch row is one
 * user's recent history (users here have one long session each), and items enter through an embedding
 * shared with the output layer rather than one-hot.
 */
public final class Gru4Rec extends SequenceModel {
  private final Gru4RecParams params;

  public Gru4Rec(Gru4RecParams params) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), "movierec.gru4rec.v2");
    this.params = params;
  }

  /** libtorch's GRU (torch.nn.GRU's gates, weights per layer in its order: input, state, input bias, state bias). */
  @Override
  protected Encoder encoder(Net net) {
    int d = params.hidden();
    NDList weights = new NDList();
    for (int layer = 0; layer < params.layers(); layer++) {
      weights.add(net.normal(new Shape(3 * d, d), Math.sqrt(2.0 / (4 * d))));
      weights.add(net.normal(new Shape(3 * d, d), Math.sqrt(2.0 / (4 * d))));
      weights.add(net.constantVector(3 * d, 0f));
      weights.add(net.constantVector(3 * d, 0f));
    }
    return (x, valid) -> {
      // Padding enters as zero vectors; windows are left-padded, so the state has reset by the first item.
      NDArray h = net.dropout(x.mul(valid));
      NDArray initial = net.manager().zeros(new Shape(params.layers(), h.getShape().get(0), d));
      NDList out = h.getNDArrayInternal().gru(h, initial, weights, true, params.layers(), 0, net.training(), false, true);
      return net.dropout(out.get(0));
    };
  }
}
