package movierec.models.recvae;

import static movierec.core.model.InvalidParamException.check;

/**
 * RecVAE settings; defaults are the authors' (hidden 600, latent 200, batch 500, dropout 0.5, learning
 * rate 5e-4, γ 0.005, three encoder passes per decoder pass).
 *
 * @param epochs rounds of encoder passes plus one decoder pass (the trainer may stop earlier and keep the best)
 * @param batchSize users per update
 * @param hidden width of the encoder's five hidden layers
 * @param latent dimension of the latent code
 * @param dropout input dropout rate in encoder passes
 * @param learningRate Adam step size (encoder and decoder)
 * @param gamma β rescaling: a user's KL weight is γ times the length of the user's history
 * @param encoderPasses encoder passes over the users per epoch
 */
public record RecVaeParams(int epochs, int batchSize, int hidden, int latent, double dropout, double learningRate, double gamma, int encoderPasses) {
  public static final RecVaeParams DEFAULTS = new RecVaeParams(200, 500, 600, 200, 0.5, 5e-4, 0.005, 3);

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
