package movierec.models.lightgcn;

import movierec.core.model.InvalidParamException;

/**
 * @param factors embedding dimensions; 64 as in He et al.'s experiments
 * @param layers propagation depth K; He et al. find 3 best, deeper over-smooths
 * @param learningRate Adam step; above He et al.'s 0.001 because batches are 4× theirs and epochs are
 *     expensive: on the synthetic small set 0.005 had barely left popularity after 10 epochs, 0.02 was
 *     still improving at 10 (Recall@10 0.143) and 0.05 peaked at epoch 8 (0.153)
 * @param regularization L2 weight on the base embeddings of each batch's users and items, per triple;
 *     1e-4 as in He et al.
 * @param batchSize triples per Adam step; every step propagates over the whole graph twice (forward and
 *     back), so an epoch costs (interactions / batchSize) × 2K sparse products: 8192 (He et al. use
 *     2048) keeps that at ~600 steps per epoch at the competition's scale; on small data the batch
 *     shrinks so that an epoch still makes 50 steps (ml-latest-small would get 12)
 * @param epochs most passes of as many sampled triples as there are interactions; a cap for early
 *     stopping, which keeps the best epoch
 */
public record LightGcnParams(int factors, int layers, double learningRate, double regularization, int batchSize, int epochs) {
  public LightGcnParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
    InvalidParamException.check(layers >= 0, "layers", "must be >= 0");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(regularization >= 0 && Double.isFinite(regularization), "regularization", "must be >= 0");
    InvalidParamException.check(batchSize > 0, "batchSize", "must be > 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
  }

  public LightGcnParams() {
    this(64, 3, 0.02, 0.0001, 8192, 200);
  }
}
