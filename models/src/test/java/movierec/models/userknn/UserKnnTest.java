package movierec.models.userknn;

import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class UserKnnTest {
  private static final String FAMILY = "userknn";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), Fixtures.small(), 1.2);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("k", 0), "k");
    FamilyChecks.assertInvalid(FAMILY, Map.of("shrink", -1), "shrink");
    FamilyChecks.assertInvalid(FAMILY, Map.of("alpha", 1.5), "alpha");
  }
}
