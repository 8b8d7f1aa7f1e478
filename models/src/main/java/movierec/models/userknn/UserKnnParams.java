package movierec.models.userknn;

import movierec.core.model.InvalidParamException;

/**
 * @param k neighbours per user; 50 to 100 is the usual optimum for top-N on movie data, past which
 *     the added neighbours are mostly popularity
 * @param shrink added to the cosine's denominator so that users similar on a few shared items weigh
 *     less; small because histories are at least 16 items
 */
public record UserKnnParams(int k, double shrink) {
  public UserKnnParams {
    InvalidParamException.check(k > 0, "k", "must be > 0");
    InvalidParamException.check(shrink >= 0 && Double.isFinite(shrink), "shrink", "must be >= 0");
  }

  public UserKnnParams() {
    this(80, 5);
  }
}
