package movierec.models.autorec;

import static movierec.core.model.InvalidParamException.check;

/**
 * I-AutoRec settings; defaults follow Sedhain et al. (500 sigmoid hidden units, identity output) with Adam
 * instead of L-BFGS/Rprop and a light L2 penalty.
 *
 * @param epochs passes over the items (the trainer may stop earlier and keep the best epoch)
 * @param batchSize items per update
 * @param hidden width of the hidden layer
 * @param learningRate Adam step size
 * @param weightDecay L2 penalty added to every gradient (the paper's λ)
 */
public record AutoRecParams(int epochs, int batchSize, int hidden, double learningRate, double weightDecay) {
  public static final AutoRecParams DEFAULTS = new AutoRecParams(200, 256, 500, 1e-3, 1e-6);

  public AutoRecParams {
    check(epochs >= 1, "epochs", "must be >= 1");
    check(batchSize >= 1, "batchSize", "must be >= 1");
    check(hidden >= 1, "hidden", "must be >= 1");
    check(learningRate > 0, "learningRate", "must be > 0");
    check(weightDecay >= 0, "weightDecay", "must be >= 0");
  }
}
