package movierec.models.itemknn;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class ItemKnnTest {
  private static final String FAMILY = "itemknn";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), Fixtures.small(), 1.1);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("k", 0), "k");
    FamilyChecks.assertInvalid(FAMILY, Map.of("shrink", -1), "shrink");
  }
}
