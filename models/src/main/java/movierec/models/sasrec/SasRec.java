package movierec.models.sasrec;

import movierec.models.seq.Graph;
import movierec.models.seq.Objective;
import movierec.models.seq.SequenceModel;
import movierec.models.seq.Transformer;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * SASRec: W.-C. Kang, J. McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018. Item and
 * learned position embeddings, causal self-attention blocks, and next-item prediction at every position
 * by the dot product with the (shared) item embeddings.
 */
public final class SasRec extends SequenceModel {
  private final SasRecParams params;

  public SasRec(SasRecParams params) {
    super(params, Objective.parse(params.loss(), "loss"), "movierec.sasrec.v1");
    this.params = params;
  }

  @Override
  protected SDVariable encode(Graph g, SDVariable x, SDVariable valid) {
    int d = params.hidden();
    SDVariable positions = g.normal("position_embedding", params.maxLen(), d, 1 / Math.sqrt(d));
    // The paper scales item embeddings by √d before adding positions.
    SDVariable h = g.dropout(x.mul(Math.sqrt(d)).reshape(-1, params.maxLen(), d).add(positions).reshape(-1, d), d).mul(valid);
    return Transformer.encode(g, h, valid, d, params.blocks(), params.heads(), true, d);
  }
}
