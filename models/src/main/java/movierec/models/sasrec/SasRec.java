package movierec.models.sasrec;

import movierec.models.seq.Net;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceModel;
import movierec.models.seq.Transformer;

/**
 * SASRec: W.-C. Kang, J. McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018. Item and
 * learned position embeddings, causal self-attention blocks, and next-item prediction at every position
 * by the dot product with the (shared) item embeddings.
 */
public class SasRec extends SequenceModel {
  private final SasRecParams params;

  public SasRec(SasRecParams params) {
    this(params, "movierec.sasrec.v2");
  }

  /** SASRec's model under another family's model-file format (gSASRec changes only the loss). */
  protected SasRec(SasRecParams params, String format) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), format);
    this.params = params;
  }

  @Override
  protected final Encoder encoder(Net net) {
    int d = params.hidden();
    Transformer transformer = new Transformer(net, d, params.blocks(), params.heads(), d);
    return (x, valid) -> transformer.encode(x, valid, true);
  }
}
