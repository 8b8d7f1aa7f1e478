package movierec.models.cdae;

import static movierec.core.model.InvalidParamException.check;

/**
 * CDAE settings: sigmoid units and the logistic loss as Wu et al., with a wider hidden layer than the
 * paper's 50, corruption 0.2 and a learning rate of 0.01: at 1e-3 the full logistic loss stays at
 * popularity for many epochs (measured on the small synthetic preset).
 *
 * @param epochs passes over the users (the trainer may stop earlier and keep the best epoch)
 * @param batchSize users per update
 * @param hidden width of the hidden layer
 * @param dropout corruption rate of the input (kept entries are scaled by 1 / (1 - rate))
 * @param learningRate Adam step size
 * @param weightDecay L2 penalty added to every gradient
 */
public record CdaeParams(int epochs, int batchSize, int hidden, double dropout, double learningRate, double weightDecay) {
  public static final CdaeParams DEFAULTS = new CdaeParams(200, 500, 200, 0.2, 0.01, 0.0);

  public CdaeParams {
    check(epochs >= 1, "epochs", "must be >= 1");
    check(batchSize >= 1, "batchSize", "must be >= 1");
    check(hidden >= 1, "hidden", "must be >= 1");
    check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
    check(learningRate > 0, "learningRate", "must be > 0");
    check(weightDecay >= 0, "weightDecay", "must be >= 0");
  }
}
