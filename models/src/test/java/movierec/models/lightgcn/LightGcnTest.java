package movierec.models.lightgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class LightGcnTest {
  private static final String FAMILY = "lightgcn";

  @Test
  void gradientMatchesFiniteDifferences() {
    // 4 users × 5 items; user 3 shares items with users 0 and 2, so two layers mix all of them.
    int[] users = {0, 0, 1, 1, 2, 2, 3, 3, 3};
    int[] items = {0, 1, 1, 2, 3, 4, 0, 3, 2};
    Interactions graph = Interactions.fromTriples(4, 5, users, items, new long[users.length]);
    LightGcn model = new LightGcn(new LightGcnParams(3, 2, 0.01, 0.1, 4, 1));
    model.initialize(TrainContext.of(graph, ItemSide.none(5), 0));
    float[] base = model.baseEmbeddings();
    // Entries of order 1, so that the loss is far from flat and its gradient far from rounding noise.
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < base.length; i++) base[i] = (float) (2 * rng.nextDouble() - 1);
    int[] u = {0, 3, 1};
    int[] pos = {1, 2, 2};
    int[] neg = {4, 1, 0};
    float[] grad = new float[base.length];
    model.lossAndGradient(u, pos, neg, 3, grad);

    float[] scratch = new float[base.length];
    float eps = 1e-2f;
    for (int k = 0; k < base.length; k++) {
      float saved = base[k];
      base[k] = saved + eps;
      double up = model.lossAndGradient(u, pos, neg, 3, scratch);
      base[k] = saved - eps;
      double down = model.lossAndGradient(u, pos, neg, 3, scratch);
      base[k] = saved;
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, grad[k], 1e-3 + 0.02 * Math.abs(numeric), "entry " + k);
    }
  }

  @Test
  void beatsMostPopular() {
    // The two-taste data: popularity ranks one group's items for everyone, so any use of the graph shows.
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("epochs", 10, "batch_size", 1024), FamilyChecks.twoTasteGroups(), 1.5);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("epochs", 2, "batch_size", 1024), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of("epochs", 2), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
    FamilyChecks.assertInvalid(FAMILY, Map.of("layers", -1), "layers");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("regularization", -1), "regularization");
    FamilyChecks.assertInvalid(FAMILY, Map.of("batch_size", 0), "batch_size");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
  }
}
