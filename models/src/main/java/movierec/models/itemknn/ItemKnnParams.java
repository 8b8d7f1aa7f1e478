package movierec.models.itemknn;

import movierec.core.model.InvalidParamException;

/**
 * @param k neighbours kept per item; Deshpande and Karypis see quality flatten from 10 to 50, and a few
 *     hundred helps on dense movie data, so 100
 * @param shrink added to the cosine's denominator so that pairs of rare items, similar by chance,
 *     weigh less; 10 is of the order of a rare item's interaction count
 * @param neighbourhood whose k neighbours count: {@code candidate} (the usual form: item j's score sums
 *     its similarities to the user's items among j's k most similar) or {@code source} (each of the
 *     user's items votes for its own k most similar). Candidate is the default: on ml-latest-small's
 *     holdout at k=100 it scored higher (see the quality bench).
 */
public record ItemKnnParams(int k, double shrink, String neighbourhood) {
  public static final String CANDIDATE = "candidate";
  public static final String SOURCE = "source";

  public ItemKnnParams {
    InvalidParamException.check(k > 0, "k", "must be > 0");
    InvalidParamException.check(shrink >= 0 && Double.isFinite(shrink), "shrink", "must be >= 0");
    InvalidParamException.check(CANDIDATE.equals(neighbourhood) || SOURCE.equals(neighbourhood), "neighbourhood",
        "must be " + CANDIDATE + " or " + SOURCE);
  }

  public ItemKnnParams() {
    this(100, 10, CANDIDATE);
  }
}
