package movierec.models.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import movierec.core.data.Interactions;
import movierec.core.data.ItemSide;
import movierec.core.model.TrainContext;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class EaseTest {

  @Test
  void weightsMatchTheClosedFormComputedDirectly() {
    int users = 60;
    int items = 25;
    double lambda = 3;
    SplittableRandom rng = new SplittableRandom(3);
    int[] u = new int[users * items];
    int[] it = new int[users * items];
    double[][] x = new double[users][items];
    int n = 0;
    for (int a = 0; a < users; a++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.3) {
          x[a][i] = 1;
          u[n] = a;
          it[n++] = i;
        }
      }
    }
    Interactions data = Interactions.fromTriples(users, items, java.util.Arrays.copyOf(u, n), java.util.Arrays.copyOf(it, n), new long[n]);
    Ease ease = new Ease(new EaseParams(lambda));
    ease.fit(TrainContext.of(data, ItemSide.none(items), 0));

    RealMatrix xm = new Array2DRowRealMatrix(x);
    RealMatrix g = xm.transpose().multiply(xm);
    for (int i = 0; i < items; i++) g.addToEntry(i, i, lambda);
    RealMatrix p = new LUDecomposition(g).getSolver().getInverse();
    RealMatrix expectedScores = xm.multiply(closedFormB(p));

    int[] all = java.util.stream.IntStream.range(0, users).toArray();
    float[] scores = new float[users * items];
    ease.score(all, scores);
    for (int a = 0; a < users; a++) {
      for (int j = 0; j < items; j++) assertEquals(expectedScores.getEntry(a, j), scores[a * items + j], 1e-4, "user " + a + " item " + j);
    }
  }

  private static RealMatrix closedFormB(RealMatrix p) {
    int n = p.getRowDimension();
    RealMatrix b = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b.setEntry(i, j, i == j ? 0 : -p.getEntry(i, j) / p.getEntry(j, j));
    return b;
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("ease", Map.of(), Fixtures.small(), 1.4);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("ease", Map.of(), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip("ease", Map.of(), Fixtures.tiny());
  }

  @Test
  void rejectsNonPositiveLambda() {
    FamilyChecks.assertInvalid("ease", Map.of("lambda", 0), "lambda");
    FamilyChecks.assertInvalid("ease", Map.of("lambda", -5.0), "lambda");
  }
}
