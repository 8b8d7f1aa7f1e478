package movierec.models.ials;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class IalsTest {
  private static final String FAMILY = "ials";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 6), Fixtures.small(), 1.15);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 3), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", -1), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("alpha", 0), "alpha");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -0.5), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("cg_steps", 0), "cg_steps");
  }
}
