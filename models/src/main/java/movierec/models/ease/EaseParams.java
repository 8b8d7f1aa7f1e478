package movierec.models.ease;

import movierec.core.model.InvalidParamException;

/**
 * @param lambda L2 regularization of the item-item weights; 500 is what teams found best on the
 *     competition data (leaderboard 0.1600), and Steck reports optima of a few hundred on MovieLens-20M
 */
public record EaseParams(double lambda) {
  public EaseParams {
    InvalidParamException.check(lambda > 0 && Double.isFinite(lambda), "lambda", "must be > 0");
  }

  public EaseParams() {
    this(500);
  }
}
