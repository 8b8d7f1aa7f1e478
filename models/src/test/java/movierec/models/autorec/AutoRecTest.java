package movierec.models.autorec;

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

class AutoRecTest {
  private static final Map<String, Object> SMALL_NET = Map.of("hidden", 32, "epochs", 3, "batch_size", 64);

  @Test
  void gradientsMatchNumericDifferences() {
    Dataset data = Fixtures.tiny();
    AutoRec model = new AutoRec(new AutoRecParams(1, 8, 10, 1e-3, 0));
    List<Param> params = model.build(data.interactions(), new SplittableRandom(2));
    SparseRows x = SparseRows.of(model.trainingRows(), IntStream.range(0, 5).toArray());
    GradientCheck.assertGradients(params, () -> model.lossAndGradients(x), 10, 0.05);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("autorec", Map.of("hidden", 100, "epochs", 15, "batch_size", 64), Fixtures.small(), 1.1);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("autorec", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    FamilyChecks.assertSaveLoadRoundTrip("autorec", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("autorec", Map.of("weight_decay", -1), "weight_decay");
  }
}
