package movierec.models.gsasrec;

import movierec.models.sasrec.SasRec;

/**
 * gSASRec: A. Petrov, C. Macdonald, "gSASRec: Reducing Overconfidence in Sequential Recommendation Trained
 * with Negative Sampling", RecSys 2023. SASRec's model trained with generalised binary cross-entropy
 * (gBCE) over many sampled negatives per position: the positive term is weighted by β (from the
 * calibration t and the sampling rate k / (items − 1)), which is the paper's transformed positive logit
 * σ(s′) = σ(s)^β, so that many negatives do not make the model overconfident.
 */
public final class GsasRec extends SasRec {
  private final GsasRecParams params;

  public GsasRec(GsasRecParams params) {
    super(params.sasrec(), "movierec.gsasrec.v2");
    this.params = params;
  }

  @Override
  protected int negativesPerTarget() {
    return params.negatives();
  }

  @Override
  protected double calibration() {
    return params.calibration();
  }
}
