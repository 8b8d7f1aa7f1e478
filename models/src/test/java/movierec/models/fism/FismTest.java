package movierec.models.fism;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class FismTest {
  private static final String FAMILY = "fism";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 12), Fixtures.small(), 1.3);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 3), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of("epochs", 3), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("alpha", 1.5), "alpha");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -1), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("bias_regularization", -1), "bias_regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("negatives", 0), "negatives");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
  }
}
