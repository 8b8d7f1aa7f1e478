package movierec.models.recvae;

import static movierec.core.model.InvalidParamException.check;

/**
 * RecVAE settings; defaults are the authors' (hidden 600, latent 200, batch 500, dropout 0.5, three encoder
 * passes per decoder pass) except the learning rate and γ.
 *
 * @param epochs rounds of encoder passes plus one decoder pass (the trainer may stop earlier and keep the best)
 * @param batchSize users per update
 * @param hidden width of the encoder's five hidden layers
 * @param latent dimension of the latent code
 * @param dropout input dropout rate in encoder passes
 * @param learningRate Adam step size (encoder and decoder); 2e-3, four times the authors' 5e-4: they take ~50
 *     epochs of 273 batches on ML-20M, while on 6,040 users (ml-1m, batches of 121) 5e-4 was at 0.1765 after 5
 *     epochs and needed hundreds; 2e-3 gave 0.1806 at epoch 5 and 0.2006 at epoch 23
 * @param gamma β rescaling: a user's KL weight is γ times the length of the user's history; 0.01, twice the
 *     authors' 0.005: at 0.005 and learning rate 2e-3 ml-1m's random hold-out peaked at 0.2017 (epoch 26, early
 *     stop at 36) while the training loss kept falling; the stronger pull to the prior slowed that overfitting
 *     and reached 0.2036 (epoch 46, early stop at 56)
 * @param encoderPasses encoder passes over the users per epoch
 */
public record RecVaeParams(int epochs, int batchSize, int hidden, int latent, double dropout, double learningRate, double gamma, int encoderPasses) {
  public static final RecVaeParams DEFAULTS = new RecVaeParams(200, 500, 600, 200, 0.5, 2e-3, 0.01, 3);

  public RecVaeParams {
    check(epochs >= 1, "epochs", "must be >= 1");
    check(batchSize >= 1, "batchSize", "must be >= 1");
    check(hidden >= 1, "hidden", "must be >= 1");
    check(latent >= 1, "latent", "must be >= 1");
    check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
    check(learningRate > 0, "learningRate", "must be > 0");
    check(gamma >= 0, "gamma", "must be >= 0");
    check(encoderPasses >= 1, "encoderPasses", "must be >= 1");
  }
}
