package movierec.models.sasrec;

import movierec.models.seq.Graph;
import movierec.models.seq.Objective;
import movierec.models.seq.Pooling;
import movierec.models.seq.SequenceModel;
import movierec.models.seq.Transformer;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * SASRec: W.-C. Kang, J. McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018. Item and
 * learned position embeddings, causal self-attention blocks, and next-item prediction at every position
 * by the dot product with the (shared) item embeddings.
 */
public class SasRec extends SequenceModel {
  private final SasRecParams params;

  public SasRec(SasRecParams params) {
    this(params, "movierec.sasrec.v1");
  }

  /** SASRec's model under another family's model-file format (gSASRec changes only the loss). */
  protected SasRec(SasRecParams params, String format) {
    super(params, Objective.parse(params.loss(), "loss"), Pooling.parse(params.pooling(), "pooling"), format);
    this.params = params;
  }

  @Override
  protected final SDVariable encode(Graph g, SDVariable x, SDVariable valid) {
    int d = params.hidden();
    return Transformer.encode(g, Transformer.positional(g, x, valid, d), valid, Transformer.causal(g), d, params.blocks(), params.heads(), d);
  }
}
