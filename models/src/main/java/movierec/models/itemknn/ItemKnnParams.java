package movierec.models.itemknn;

import movierec.core.model.InvalidParamException;

/**
 * Defaults are an asymmetric cosine on TF-IDF-weighted histories, the strongest of the item-based
 * neighbourhoods that Dacrema et al. ("Are We Really Making Much Progress?", RecSys 2019) tune for
 * ItemKNN-CF, with Aiolli's asymmetric cosine (RecSys 2013). On ml-1m's random hold-out of 10 at these
 * defaults it reaches about 0.18 Recall@10 where plain cosine (alpha 0.5, weighting none, shrink 0) gets
 * 0.16 at k 100 and at k 50 (see the quality bench in docs/data-and-training.md).
 *
 * @param k neighbours kept per item; with the sharper similarity below, 50 beat 100 and 200 on ml-1m
 *     (Deshpande and Karypis see quality flatten from 10 to 50)
 * @param shrink added to the similarity's denominator so that pairs of rare items, similar by chance,
 *     weigh less; 10 is of the order of a rare item's interaction count
 * @param neighbourhood whose k neighbours count: {@code candidate} (the usual form: item j's score sums
 *     its similarities to the user's items among j's k most similar) or {@code source} (each of the
 *     user's items votes for its own k most similar). Candidate is the default: on ml-latest-small's
 *     holdout at k=100 it scored higher (see the quality bench).
 * @param alpha asymmetry of the cosine: the similarity a user's item i lends candidate j is
 *     co(i, j) / (|i|^alpha |j|^(1 - alpha) + shrink), with |i| the item's squared norm (its user
 *     count when unweighted). 0.5 is the plain cosine; above it a popular source counts less and a
 *     popular candidate more. 0.8 beat 0.5, 0.6, 0.7 and 0.9 on ml-1m
 * @param weighting {@code tfidf}: each user's interactions weigh log(items / (1 + history length))
 *     before co-occurrences and norms are counted, so that a user who watched everything says less
 *     about any pair; {@code none}: every interaction weighs 1 (the plain cosine)
 */
public record ItemKnnParams(int k, double shrink, String neighbourhood, double alpha, String weighting) {
  public static final String CANDIDATE = "candidate";
  public static final String SOURCE = "source";
  public static final String TFIDF = "tfidf";
  public static final String NONE = "none";

  public ItemKnnParams {
    InvalidParamException.check(k > 0, "k", "must be > 0");
    InvalidParamException.check(shrink >= 0 && Double.isFinite(shrink), "shrink", "must be >= 0");
    InvalidParamException.check(CANDIDATE.equals(neighbourhood) || SOURCE.equals(neighbourhood), "neighbourhood",
        "must be " + CANDIDATE + " or " + SOURCE);
    InvalidParamException.check(alpha >= 0 && alpha <= 1, "alpha", "must be in [0, 1]");
    InvalidParamException.check(TFIDF.equals(weighting) || NONE.equals(weighting), "weighting", "must be " + TFIDF + " or " + NONE);
  }

  public ItemKnnParams() {
    this(50, 10, CANDIDATE, 0.8, TFIDF);
  }
}
