package movierec.models.itemknn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import org.junit.jupiter.api.Test;

class ItemKnnTest {
  private static final String FAMILY = "itemknn";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of(), Fixtures.small(), 1.1);
  }

  @Test
  void sourceNeighbourhoodAlsoBeatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("neighbourhood", "source"), Fixtures.small(), 1.1);
  }

  /** Cosine is symmetric, so with every item a neighbour the two forms agree; with few they must not. */
  @Test
  void neighbourhoodsAgreeOnlyWhenEveryItemIsKept() {
    Dataset data = Fixtures.tiny();
    assertArrayEquals(scores(data, data.numItems(), "candidate"), scores(data, data.numItems(), "source"), 1e-4f);
    assertFalse(Arrays.equals(scores(data, 3, "candidate"), scores(data, 3, "source")));
  }

  private static float[] scores(Dataset data, int k, String neighbourhood) {
    return FamilyChecks.fitAndScore(ModelRegistry.get(FAMILY).create(Map.of("k", k, "neighbourhood", neighbourhood)), data, 0);
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
    FamilyChecks.assertInvalid(FAMILY, Map.of("neighbourhood", "both"), "neighbourhood");
  }
}
