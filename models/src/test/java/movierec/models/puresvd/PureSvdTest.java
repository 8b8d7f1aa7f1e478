package movierec.models.puresvd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.data.Interactions;
import movierec.core.eval.TopK;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.ModelRegistry;
import movierec.models.linalg.Factors;
import movierec.models.linalg.Lapack;
import movierec.models.linalg.Products;
import movierec.models.linalg.SparseGram;
import org.junit.jupiter.api.Test;

class PureSvdTest {
  private static final String FAMILY = "puresvd";

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("factors", 20), Fixtures.small(), 1.3);
  }

  /** The randomized SVD recommends what the exact eigendecomposition of XᵀX does, unseen items only. */
  @Test
  void randomizedSvdRanksAsTheExactOne() {
    Dataset data = Fixtures.small();
    Interactions x = data.interactions();
    int n = x.numItems();
    int k = 20;
    int[] users = IntStream.range(0, x.numUsers()).toArray();
    float[] exactV = Lapack.topEigenvectors(SparseGram.of(x), n, k);
    float[] exactU = new float[users.length * k];
    Products.sumRows(x, users, exactV, k, exactU);
    float[] exact = new float[users.length * n];
    new Factors(users.length, n, k, exactU, exactV).score(users, exact);
    float[] randomized = FamilyChecks.fitAndScore(ModelRegistry.get(FAMILY).create(Map.of("factors", k)), data, 7);
    int depth = 10;
    double overlap = 0;
    for (int u : users) {
      for (int e = x.start(u); e < x.end(u); e++) exact[u * n + x.item(e)] = randomized[u * n + x.item(e)] = Float.NEGATIVE_INFINITY;
      overlap += shared(topOf(exact, u, n, depth), topOf(randomized, u, n, depth)) / (double) depth;
    }
    overlap /= users.length;
    assertTrue(overlap >= 0.9, "mean top-" + depth + " overlap with the exact SVD " + overlap);
  }

  private static int[] topOf(float[] scores, int user, int numItems, int depth) {
    int[] items = new int[depth];
    TopK.select(scores, user * numItems, numItems, depth, items, new float[depth]);
    return items;
  }

  private static int shared(int[] a, int[] b) {
    return (int) IntStream.of(a).filter(i -> IntStream.of(b).anyMatch(j -> j == i)).count();
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
    FamilyChecks.assertInvalid(FAMILY, Map.of("factors", 0), "factors");
  }
}
