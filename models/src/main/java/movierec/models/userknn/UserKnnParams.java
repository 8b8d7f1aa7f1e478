package movierec.models.userknn;

import movierec.core.model.InvalidParamException;

/**
 * @param k neighbours per user; 50 to 100 is the usual optimum for top-N on movie data, past which
 *     the added neighbours are mostly popularity
 * @param shrink added to the cosine's denominator so that users similar on a few shared items weigh
 *     less; small because histories are at least 16 items
 * @param alpha asymmetry of the cosine: user u's similarity to neighbour v is co(u, v) / (|u|^alpha
 *     |v|^(1 - alpha) + shrink), |u| the history's length. 0.5 is the plain cosine; below it a neighbour
 *     with a long history counts less (its votes are spread over many items). 0.3 on ml-1m's random
 *     hold-out of 10: 0.1851 Recall@10 against 0.1813 at 0.5 (0.2 0.1832, 0.7 0.1619; IDF-weighting the
 *     items 0.1806); on ml-latest-small 0.1520 against 0.1539
 */
public record UserKnnParams(int k, double shrink, double alpha) {
  public UserKnnParams {
    InvalidParamException.check(k > 0, "k", "must be > 0");
    InvalidParamException.check(shrink >= 0 && Double.isFinite(shrink), "shrink", "must be >= 0");
    InvalidParamException.check(alpha >= 0 && alpha <= 1, "alpha", "must be in [0, 1]");
  }

  public UserKnnParams() {
    this(80, 5, 0.3);
  }
}
