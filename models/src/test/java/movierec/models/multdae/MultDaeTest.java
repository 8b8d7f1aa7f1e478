package movierec.models.multdae;

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

class MultDaeTest {
  private static final Map<String, Object> SMALL_NET = Map.of("hidden", 64, "latent", 16, "epochs", 3, "batch_size", 100);

  @Test
  void gradientsMatchNumericDifferences() {
    Dataset data = Fixtures.tiny();
    MultDae model = new MultDae(new MultDaeParams(1, 8, 10, 4, 0, 1e-3, 0));
    List<Param> params = model.build(data.interactions(), new SplittableRandom(2));
    SparseRows x = SparseRows.of(data.interactions(), IntStream.range(0, 5).toArray());
    SparseRows input = x.normalized(0, null);
    GradientCheck.assertGradients(params, () -> model.lossAndGradients(x, input), 10, 0.05);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("multdae", Map.of("hidden", 100, "latent", 32, "epochs", 6, "batch_size", 100, "learning_rate", 0.003), Fixtures.small(), 1.2);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("multdae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    FamilyChecks.assertSaveLoadRoundTrip("multdae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("multdae", Map.of("dropout", 1.0), "dropout");
    FamilyChecks.assertInvalid("multdae", Map.of("learning_rate", 0), "learning_rate");
  }
}
