package movierec.models.multvae;

import static movierec.core.model.InvalidParamException.check;

/**
 * Mult-VAE settings; defaults are the paper's ([items → 600 → 200], dropout 0.5, batch 500) except β's
 * cap and the annealing length. The cap is 0.05: the paper's 0.2 under its 200,000-update anneal is never
 * reached (its ML-20M runs end near β 0.05), and on ml-1m a cap of 0.2 reached in 20 epochs stalled at
 * 0.1798 while 0.05 gave 0.1845. The annealing length is given in epochs so that it means the same on 600 users as on 136,000
 * (a fixed count of updates, the paper's 200,000, is hundreds of epochs on small data and a few on large).
 *
 * @param epochs passes over the users (the trainer may stop earlier and keep the best epoch)
 * @param batchSize users per update
 * @param hidden width of the encoder's and decoder's hidden layer
 * @param latent dimension of the latent code
 * @param dropout input dropout rate on the L2-normalized history
 * @param learningRate Adam step size
 * @param betaCap largest weight of the KL term
 * @param annealEpochs epochs (counted in updates: this many times the updates per epoch) over which β grows
 *     linearly from 0 to the cap; 0 = the cap from the start
 * @param weightDecay L2 penalty added to every gradient
 */
public record MultVaeParams(int epochs, int batchSize, int hidden, int latent, double dropout, double learningRate, double betaCap,
    double annealEpochs, double weightDecay) {
  public static final MultVaeParams DEFAULTS = new MultVaeParams(200, 500, 600, 200, 0.5, 1e-3, 0.05, 20, 0.0);

  public MultVaeParams {
    check(epochs >= 1, "epochs", "must be >= 1");
    check(batchSize >= 1, "batchSize", "must be >= 1");
    check(hidden >= 1, "hidden", "must be >= 1");
    check(latent >= 1, "latent", "must be >= 1");
    check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
    check(learningRate > 0, "learningRate", "must be > 0");
    check(betaCap >= 0, "betaCap", "must be >= 0");
    check(annealEpochs >= 0, "annealEpochs", "must be >= 0");
    check(weightDecay >= 0, "weightDecay", "must be >= 0");
  }
}
