package movierec.models.yearrule;

import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class YearRuleTest {
  private static final String FAMILY = "year_rule";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), FamilyChecks.twoTasteGroups(), 1.5);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("bandwidth", 0), "bandwidth");
  }
}
