package movierec.models.genrerule;

import java.util.Arrays;
import movierec.core.model.InvalidParamException;

/**
 * @param quotas slots per favourite genre, most favoured first, colon-separated: "3:2:2:2:1" (the top
 *     five genres filling a top 10) is the rule teams reported at 0.07 on the leaderboard
 */
public record GenreRuleParams(String quotas) {
  public GenreRuleParams {
    InvalidParamException.check(quotas != null && quotas.matches("[1-9][0-9]*(:[1-9][0-9]*)*"), "quotas",
        "must be positive whole numbers separated by ':', e.g. 3:2:2:2:1");
  }

  public GenreRuleParams() {
    this("3:2:2:2:1");
  }

  /** The quotas as numbers, most favoured genre first. */
  public int[] slots() {
    return Arrays.stream(quotas.split(":")).mapToInt(Integer::parseInt).toArray();
  }
}
