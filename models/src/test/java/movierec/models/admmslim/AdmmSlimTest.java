package movierec.models.admmslim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.eval.TopK;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
import movierec.models.linalg.Products;
import org.junit.jupiter.api.Test;

class AdmmSlimTest {
  private static final String FAMILY = "admm_slim";
  private static final int USERS = 80;
  private static final int ITEMS = 30;

  /** A random binary 80 × 30 matrix, 30 % dense. */
  private static Interactions randomData() {
    SplittableRandom rng = new SplittableRandom(3);
    int[] u = new int[USERS * ITEMS];
    int[] it = new int[USERS * ITEMS];
    int n = 0;
    for (int a = 0; a < USERS; a++) {
      for (int i = 0; i < ITEMS; i++) {
        if (rng.nextDouble() < 0.3) {
          u[n] = a;
          it[n++] = i;
        }
      }
    }
    return Interactions.fromTriples(USERS, ITEMS, Arrays.copyOf(u, n), Arrays.copyOf(it, n), new long[n]);
  }

  private static float[] scores(Model model, Interactions data) {
    model.fit(TrainContext.of(data, ItemSide.none(ITEMS), 0));
    float[] out = new float[USERS * ITEMS];
    model.score(IntStream.range(0, USERS).toArray(), out);
    return out;
  }

  @Test
  void withoutL1ConvergesToEaseWithLambda2() {
    Interactions data = randomData();
    float[] ease = scores(new Ease(new EaseParams(20)), data);
    float[] admm = scores(new AdmmSlim(new AdmmSlimParams(0, 20, 20, 300, false)), data);
    for (int k = 0; k < ease.length; k++) assertEquals(ease[k], admm[k], 1e-3, "entry " + k);
  }

  @Test
  void firstStepIsEaseWithLambda2PlusRho() {
    // From C = Γ = 0 the first B is EASE's solution with λ = λ2 + ρ, and C = B when nothing is shrunk.
    Interactions data = randomData();
    float[] ease = scores(new Ease(new EaseParams(30)), data);
    float[] admm = scores(new AdmmSlim(new AdmmSlimParams(0, 10, 20, 1, false)), data);
    for (int k = 0; k < ease.length; k++) assertEquals(ease[k], admm[k], 1e-5, "entry " + k);
  }

  /**
   * The Woodbury path (P·D through the m × m inverse) gives the dense path's weights and the same top 10 per
   * user, with more users than items and with fewer (the case it is chosen for), signed and nonnegative.
   */
  @Test
  void woodburyStepsEqualDenseSteps() {
    Interactions tiny = Fixtures.tiny().interactions();
    for (Interactions data : new Interactions[] {randomData(), firstUsers(tiny, 120)}) {
      for (AdmmSlimParams p : new AdmmSlimParams[] {new AdmmSlimParams(1, 20, 20, 15, true), new AdmmSlimParams(0.5, 10, 30, 15, false)}) {
        float[] dense = new AdmmSlim(p).weights(data, false);
        float[] woodbury = new AdmmSlim(p).weights(data, true);
        float scale = 0;
        for (float w : dense) scale = Math.max(scale, Math.abs(w));
        assertTrue(scale > 0, "some weight is nonzero");
        for (int k = 0; k < dense.length; k++) assertEquals(dense[k], woodbury[k], 1e-4 * scale, "weight " + k + " of " + p);
        int n = data.numItems();
        int[] users = IntStream.range(0, data.numUsers()).toArray();
        float[] denseScores = new float[users.length * n];
        float[] woodburyScores = new float[users.length * n];
        Products.sumRows(data, users, dense, n, denseScores);
        Products.sumRows(data, users, woodbury, n, woodburyScores);
        for (int u : users) {
          int[] expected = new int[10];
          int[] actual = new int[10];
          float[] unused = new float[10];
          TopK.select(denseScores, u * n, n, 10, expected, unused);
          TopK.select(woodburyScores, u * n, n, 10, actual, unused);
          assertArrayEquals(expected, actual, "user " + u + " of " + p);
        }
      }
    }
  }

  /** The first {@code m} users' rows (fewer users than items). */
  private static Interactions firstUsers(Interactions x, int m) {
    int size = x.end(m - 1);
    int[] users = new int[size];
    int[] items = new int[size];
    for (int u = 0; u < m; u++) {
      for (int e = x.start(u); e < x.end(u); e++) {
        users[e] = u;
        items[e] = x.item(e);
      }
    }
    return Interactions.fromTriples(m, x.numItems(), users, items, new long[size]);
  }

  @Test
  void nonnegativeWeightsGiveNonnegativeScores() {
    float[] admm = scores(new AdmmSlim(new AdmmSlimParams(1, 20, 20, 20, true)), randomData());
    for (float s : admm) assertTrue(s >= 0, "negative score " + s);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("iterations", 15), Fixtures.small(), 1.5);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, Map.of("iterations", 10), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, Map.of("iterations", 10), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("lambda1", -1), "lambda1");
    FamilyChecks.assertInvalid(FAMILY, Map.of("lambda2", -1), "lambda2");
    FamilyChecks.assertInvalid(FAMILY, Map.of("rho", 0), "rho");
    FamilyChecks.assertInvalid(FAMILY, Map.of("iterations", 0), "iterations");
    FamilyChecks.assertInvalid(FAMILY, Map.of("nonnegative", "maybe"), "nonnegative");
  }
}
