package movierec.models.seq;

import movierec.core.model.InvalidParamException;

/** What every sequential family's params share; the family records implement it. */
public interface SequenceParams {
  /** Embedding and hidden width. */
  int hidden();

  /** Items of history the model reads (the last ones), at most: fewer when 95% of histories are shorter. */
  int maxLen();

  /** Probability of zeroing an activation in training. */
  double dropout();

  double learningRate();

  /** L2 weight on all parameters, added to the Adam gradient. */
  double l2();

  /** Training windows per Adam step. */
  int batchSize();

  int epochs();

  /** Checks the shared components (camelCase names, translated to snake_case by the family). */
  static void validate(int hidden, int maxLen, double dropout, double learningRate, double l2, int batchSize, int epochs) {
    InvalidParamException.check(hidden > 0, "hidden", "must be > 0");
    InvalidParamException.check(maxLen > 1, "maxLen", "must be > 1");
    InvalidParamException.check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1)");
    InvalidParamException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "must be > 0");
    InvalidParamException.check(l2 >= 0 && Double.isFinite(l2), "l2", "must be >= 0");
    InvalidParamException.check(batchSize > 0, "batchSize", "must be > 0");
    InvalidParamException.check(epochs > 0, "epochs", "must be > 0");
  }
}
