package movierec.models.edlae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import movierec.core.data.Dataset;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class EdlaeTest {

  @Test
  void withoutDropoutItIsEase() {
    Dataset data = Fixtures.tiny();
    float[] edlae = FamilyChecks.fitAndScore(new Edlae(new EdlaeParams(50, 0)), data, 0);
    float[] ease = FamilyChecks.fitAndScore(new Ease(new EaseParams(50)), data, 0);
    assertArrayEquals(ease, edlae, 1e-5f);
  }

  @Test
  void weightsMatchTheClosedFormComputedDirectly() {
    Dataset data = Fixtures.tiny();
    double lambda = 5;
    double p = 0.4;
    float[] scores = FamilyChecks.fitAndScore(new Edlae(new EdlaeParams(lambda, p)), data, 0);

    int users = data.interactions().numUsers();
    int items = data.interactions().numItems();
    RealMatrix x = new Array2DRowRealMatrix(users, items);
    for (int u = 0; u < users; u++) {
      for (int e = data.interactions().start(u); e < data.interactions().end(u); e++) x.setEntry(u, data.interactions().item(e), 1);
    }
    RealMatrix g = x.transpose().multiply(x);
    for (int i = 0; i < items; i++) g.addToEntry(i, i, p / (1 - p) * g.getEntry(i, i) + lambda);
    RealMatrix inv = new LUDecomposition(g).getSolver().getInverse();
    RealMatrix b = new Array2DRowRealMatrix(items, items);
    for (int i = 0; i < items; i++) for (int j = 0; j < items; j++) b.setEntry(i, j, i == j ? 0 : -inv.getEntry(i, j) / inv.getEntry(j, j));
    RealMatrix expected = x.multiply(b);
    for (int u = 0; u < users; u++) {
      for (int j = 0; j < items; j++) assertEquals(expected.getEntry(u, j), scores[u * items + j], 1e-4, "user " + u + " item " + j);
    }
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("edlae", Map.of(), Fixtures.small(), 1.4);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("edlae", Map.of(), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip("edlae", Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("edlae", Map.of("lambda", 0), "lambda");
    FamilyChecks.assertInvalid("edlae", Map.of("dropout", 1.0), "dropout");
    FamilyChecks.assertInvalid("edlae", Map.of("dropout", -0.1), "dropout");
  }

  @Test
  void isRegistered() {
    assertEquals("edlae", ModelRegistry.get("edlae").name());
  }
}
