package movierec.models.cdae;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.core.data.Dataset;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.nn.GradientCheck;
import movierec.models.nn.Param;
import movierec.models.nn.SparseRows;
import org.junit.jupiter.api.Test;

class CdaeTest {
  private static final Map<String, Object> SMALL_NET = Map.of("hidden", 32, "epochs", 3, "batch_size", 100);

  @Test
  void gradientsMatchNumericDifferences() {
    Dataset data = Fixtures.tiny();
    Cdae model = new Cdae(new CdaeParams(1, 8, 10, 0, 1e-3, 0));
    List<Param> params = model.build(data.interactions(), new SplittableRandom(2));
    int[] users = IntStream.range(0, 5).toArray();
    SparseRows x = SparseRows.of(data.interactions(), users);
    SparseRows input = x.withIndicators(users, data.numUsers());
    GradientCheck.assertGradients(params, () -> model.lossAndGradients(x, input), 10, 0.05);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("cdae", Map.of("hidden", 100, "epochs", 10, "batch_size", 100, "learning_rate", 0.01, "dropout", 0.2), Fixtures.small(), 1.1);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("cdae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    FamilyChecks.assertSaveLoadRoundTrip("cdae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("cdae", Map.of("hidden", 0), "hidden");
  }
}
