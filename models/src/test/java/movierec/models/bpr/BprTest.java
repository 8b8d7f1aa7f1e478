package movierec.models.bpr;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class BprTest {
  private static final String FAMILY = "bpr";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 12), Fixtures.small(), 1.15);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 3, "negatives", 2), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -1), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("negatives", 0), "negatives");
  }
}
