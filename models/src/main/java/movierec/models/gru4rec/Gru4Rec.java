package movierec.models.gru4rec;

import movierec.models.seq.Graph;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SameDiffSequenceModel;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * GRU4Rec: B. Hidasi, A. Karatzoglou, L. Baltrunas, D. Tikk, "Session-based Recommendations with
 * Recurrent Neural Networks", ICLR 2016. A GRU reads the user's items in order; its state at each
 * position predicts the next item. Instead of session-parallel mini-batches, each batch row is one
 * user's recent history (users here have one long session each), and items enter through an embedding
 * shared with the output layer rather than one-hot.
 */
public final class Gru4Rec extends SameDiffSequenceModel {
  private final Gru4RecParams params;

  public Gru4Rec(Gru4RecParams params) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), "movierec.gru4rec.v1");
    this.params = params;
  }

  @Override
  protected SDVariable encode(Graph g, SDVariable x, SDVariable valid) {
    int d = params.hidden();
    // Padding enters as zero vectors; windows are left-padded, so the state has reset by the first item.
    SDVariable h = g.dropout(x.mul(valid), d).reshape(-1, g.len(), d).permute(1, 0, 2);
    for (int layer = 0; layer < params.layers(); layer++) {
      SDVariable initial = g.sd().zerosLike(h.get(SDIndex.point(0)));
      SDVariable inputWeights = g.normal("gru_wx" + layer, d, 3 * d, Math.sqrt(2.0 / (4 * d)));
      SDVariable stateWeights = g.normal("gru_wh" + layer, d, 3 * d, Math.sqrt(2.0 / (4 * d)));
      h = g.sd().rnn.gru(h, initial, inputWeights, stateWeights, g.constantVector("gru_b" + layer, 3 * d, 0f));
    }
    return g.dropout(h.permute(1, 0, 2).reshape(-1, d), d);
  }
}
