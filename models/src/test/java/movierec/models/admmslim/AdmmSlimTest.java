package movierec.models.admmslim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
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
