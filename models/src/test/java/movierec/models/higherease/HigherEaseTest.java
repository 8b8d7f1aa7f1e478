package movierec.models.higherease;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.Model;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import movierec.models.ease.Ease;
import movierec.models.ease.EaseParams;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class HigherEaseTest {

  @Test
  void withoutPairsItIsEase() {
    Dataset data = Fixtures.tiny();
    float[] higher = FamilyChecks.fitAndScore(new HigherEase(new HigherEaseParams(50, 500, 5000, 0, 10)), data, 0);
    float[] ease = FamilyChecks.fitAndScore(new Ease(new EaseParams(50)), data, 0);
    assertArrayEquals(ease, higher, 1e-6f);
  }

  @Test
  void pairsHeldAtZeroByTheirPenaltyLeaveEase() {
    Dataset data = Fixtures.tiny();
    float[] higher = FamilyChecks.fitAndScore(new HigherEase(new HigherEaseParams(50, 1e9, 1e9, 40, 5)), data, 0);
    float[] ease = FamilyChecks.fitAndScore(new Ease(new EaseParams(50)), data, 0);
    assertArrayEquals(ease, higher, 1e-4f);
  }

  /**
   * With every pair selected the fit must reach the constrained ridge solution, found here column by column:
   * item j is regressed on the other items and on the pairs without j, B with λ and C with λ_C.
   */
  @Test
  void admmReachesTheConstrainedLeastSquaresSolution() {
    int users = 60;
    int items = 8;
    double lambda = 2;
    double pairLambda = 4;
    SplittableRandom rng = new SplittableRandom(5);
    double[][] x = new double[users][items];
    List<int[]> triples = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.45) {
          x[u][i] = 1;
          triples.add(new int[] {u, i});
        }
      }
    }
    Interactions data = Interactions.fromTriples(users, items, triples.stream().mapToInt(t -> t[0]).toArray(), triples.stream().mapToInt(t -> t[1]).toArray(),
        new long[triples.size()]);
    List<int[]> pairs = new ArrayList<>();
    for (int a = 0; a < items; a++) for (int b = a + 1; b < items; b++) pairs.add(new int[] {a, b});
    double[][] z = new double[users][pairs.size()];
    for (int u = 0; u < users; u++) for (int k = 0; k < pairs.size(); k++) z[u][k] = x[u][pairs.get(k)[0]] * x[u][pairs.get(k)[1]];
    for (int k = 0; k < pairs.size(); k++) {
      int col = k;
      assertTrue(IntStream.range(0, users).anyMatch(u -> z[u][col] > 0), "every pair co-occurs, so the model selects them all");
    }

    HigherEase model = new HigherEase(new HigherEaseParams(lambda, pairLambda, 20, pairs.size(), 400));
    model.fit(TrainContext.of(data, ItemSide.none(items), 0));
    float[] scores = new float[users * items];
    model.score(IntStream.range(0, users).toArray(), scores);

    RealVector[] features = new RealVector[users];
    for (int j = 0; j < items; j++) {
      List<double[]> columns = new ArrayList<>();
      List<Double> penalties = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (i == j) continue;
        int c = i;
        columns.add(IntStream.range(0, users).mapToDouble(u -> x[u][c]).toArray());
        penalties.add(lambda);
      }
      for (int k = 0; k < pairs.size(); k++) {
        if (pairs.get(k)[0] == j || pairs.get(k)[1] == j) continue;
        int c = k;
        columns.add(IntStream.range(0, users).mapToDouble(u -> z[u][c]).toArray());
        penalties.add(pairLambda);
      }
      RealMatrix f = new Array2DRowRealMatrix(users, columns.size());
      for (int c = 0; c < columns.size(); c++) f.setColumn(c, columns.get(c));
      RealMatrix normal = f.transpose().multiply(f);
      for (int c = 0; c < columns.size(); c++) normal.addToEntry(c, c, penalties.get(c));
      int target = j;
      RealVector y = new ArrayRealVector(IntStream.range(0, users).mapToDouble(u -> x[u][target]).toArray());
      RealVector w = new LUDecomposition(normal).getSolver().solve(f.transpose().operate(y));
      RealVector expected = f.operate(w);
      for (int u = 0; u < users; u++) assertEquals(expected.getEntry(u), scores[u * items + j], 2e-3, "user " + u + " item " + j);
    }
  }

  /**
   * Items 0 and 1 each come with item 2 (twice as often), but together with item 3 instead: a linear model
   * adds up the two reasons for item 2, a pair weight learns the exception. Probe users have 0 and 1 but
   * not yet 3.
   */
  @Test
  void beatsEaseWhereTwoItemsTogetherMeanSomethingElse() {
    SplittableRandom rng = new SplittableRandom(1);
    int items = 24;
    List<int[]> rows = new ArrayList<>();
    for (int u = 0; u < 400; u++) {
      int group = u % 5;
      List<Integer> have = new ArrayList<>(switch (group) {
        case 0, 1 -> List.of(0, 2);
        case 2, 3 -> List.of(1, 2);
        default -> List.of(0, 1, 3);
      });
      for (int f = 4; f < items; f++) if (rng.nextDouble() < 0.25) have.add(f);
      rows.add(have.stream().mapToInt(Integer::intValue).toArray());
    }
    int probes = 40;
    for (int u = 0; u < probes; u++) {
      List<Integer> have = new ArrayList<>(List.of(0, 1));
      for (int f = 4; f < items; f++) if (rng.nextDouble() < 0.25) have.add(f);
      rows.add(have.stream().mapToInt(Integer::intValue).toArray());
    }
    Interactions data = interactions(rows, items);
    int[] probeUsers = IntStream.range(rows.size() - probes, rows.size()).toArray();

    double ease = fractionRankingAbove(new Ease(new EaseParams(10)), data, probeUsers, 3, 2);
    double higher = fractionRankingAbove(new HigherEase(new HigherEaseParams(10, 10, 100, 30, 40)), data, probeUsers, 3, 2);
    assertTrue(ease < 0.3, "EASE ranks item 3 above item 2 for " + ease + " of the probes");
    assertEquals(1.0, higher, "higher-order EASE ranks item 3 above item 2 for " + higher + " of the probes");
  }

  private static double fractionRankingAbove(Model model, Interactions data, int[] users, int better, int worse) {
    model.fit(TrainContext.of(data, ItemSide.none(data.numItems()), 0));
    int n = data.numItems();
    float[] scores = new float[users.length * n];
    model.score(users, scores);
    return IntStream.range(0, users.length).filter(b -> scores[b * n + better] > scores[b * n + worse]).count() / (double) users.length;
  }

  private static Interactions interactions(List<int[]> rows, int items) {
    int total = rows.stream().mapToInt(r -> r.length).sum();
    int[] users = new int[total];
    int[] itemIdx = new int[total];
    int e = 0;
    for (int u = 0; u < rows.size(); u++) {
      for (int i : rows.get(u)) {
        users[e] = u;
        itemIdx[e++] = i;
      }
    }
    return Interactions.fromTriples(rows.size(), items, users, itemIdx, new long[total]);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("higher_ease", Map.of("lambda", 300, "pairs", 200, "iterations", 10), Fixtures.small(), 1.4);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("higher_ease", Map.of("pairs", 30, "iterations", 5), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip("higher_ease", Map.of("pairs", 30, "iterations", 5), Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("higher_ease", Map.of("lambda", 0), "lambda");
    FamilyChecks.assertInvalid("higher_ease", Map.of("pair_lambda", -1), "pair_lambda");
    FamilyChecks.assertInvalid("higher_ease", Map.of("rho", 0), "rho");
    FamilyChecks.assertInvalid("higher_ease", Map.of("pairs", -1), "pairs");
    FamilyChecks.assertInvalid("higher_ease", Map.of("iterations", 0), "iterations");
  }

  @Test
  void isRegistered() {
    assertEquals("higher_ease", ModelRegistry.get("higher_ease").name());
  }
}
