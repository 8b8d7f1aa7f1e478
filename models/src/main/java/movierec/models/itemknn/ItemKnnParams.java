package movierec.models.itemknn;

import movierec.core.model.InvalidParamException;

/**
 * @param k neighbours kept per item; Deshpande and Karypis see quality flatten from 10 to 50, and a few
 *     hundred helps on dense movie data, so 100
 * @param shrink added to the cosine's denominator so that pairs of rare items, similar by chance,
 *     weigh less; 10 is of the order of a rare item's interaction count
 */
public record ItemKnnParams(int k, double shrink) {
  public ItemKnnParams {
    InvalidParamException.check(k > 0, "k", "must be > 0");
    InvalidParamException.check(shrink >= 0 && Double.isFinite(shrink), "shrink", "must be >= 0");
  }

  public ItemKnnParams() {
    this(100, 10);
  }
}
