package movierec.models.yearrule;

import movierec.core.model.InvalidParamException;

/**
 * @param bandwidth standard deviation, in years, of the Gaussian kernel that smooths a user's
 *     release-year histogram; 5 spreads a taste for "2004" over its half-decade without flattening
 *     the difference between eras (very large values turn the rule into popularity at watch time)
 */
public record YearRuleParams(double bandwidth) {
  public YearRuleParams {
    InvalidParamException.check(bandwidth > 0 && Double.isFinite(bandwidth), "bandwidth", "must be > 0");
  }

  public YearRuleParams() {
    this(5);
  }
}
