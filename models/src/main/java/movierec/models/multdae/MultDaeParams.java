package movierec.models.multdae;

import static movierec.core.model.InvalidParamException.check;

/**
 * Mult-DAE settings; defaults follow Liang et al. ([items → 600 → 200 → 600 → items], dropout 0.5,
 * batch 500).
 *
 * @param epochs passes over the users (the trainer may stop earlier and keep the best epoch)
 * @param batchSize users per update
 * @param hidden width of the encoder's and decoder's hidden layer
 * @param latent width of the code
 * @param dropout input dropout rate on the L2-normalized history
 * @param learningRate Adam step size
 * @param weightDecay L2 penalty added to every gradient
 */
public record MultDaeParams(int epochs, int batchSize, int hidden, int latent, double dropout, double learningRate, double weightDecay) {
  public static final MultDaeParams DEFAULTS = new MultDaeParams(200, 500, 600, 200, 0.5, 1e-3, 0.0);

  public MultDaeParams {
    check(epochs >= 1, "epochs", "must be >= 1");
    check(batchSize >= 1, "batchSize", "must be >= 1");
    check(hidden >= 1, "hidden", "must be >= 1");
    check(latent >= 1, "latent", "must be >= 1");
    check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
    check(learningRate > 0, "learningRate", "must be > 0");
    check(weightDecay >= 0, "weightDecay", "must be >= 0");
  }
}
