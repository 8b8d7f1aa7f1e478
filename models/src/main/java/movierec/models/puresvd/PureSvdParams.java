package movierec.models.puresvd;

import movierec.core.model.InvalidParamException;

/**
 * @param factors rank of the truncated SVD; 50 is Cremonesi et al.'s best on MovieLens (150 on the
 *     larger Netflix catalogue); too many factors drift back towards reproducing the history
 */
public record PureSvdParams(int factors) {
  public PureSvdParams {
    InvalidParamException.check(factors > 0, "factors", "must be > 0");
  }

  public PureSvdParams() {
    this(50);
  }
}
