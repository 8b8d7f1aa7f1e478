package movierec.models.recvae;

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

class RecVaeTest {
  private static final Map<String, Object> SMALL_NET = Map.of("hidden", 32, "latent", 8, "epochs", 2, "batch_size", 100, "encoder_passes", 1);

  @Test
  void gradientsMatchNumericDifferences() {
    Dataset data = Fixtures.tiny();
    RecVae model = new RecVae(new RecVaeParams(1, 8, 10, 4, 0, 1e-3, 0.05, 1));
    List<Param> params = model.build(data.interactions(), new SplittableRandom(2));
    SparseRows x = SparseRows.of(data.interactions(), IntStream.range(0, 5).toArray());
    SparseRows input = x.normalized(0, null);
    float[] noise = new float[5 * 4];
    SplittableRandom rng = new SplittableRandom(4);
    for (int k = 0; k < noise.length; k++) noise[k] = (float) rng.nextGaussian();
    // The frozen encoder's codes must differ from the trained encoder's for the prior's component to matter.
    float[] old = new float[5 * 2 * 4];
    for (int k = 0; k < old.length; k++) old[k] = (float) (0.3 * rng.nextGaussian());
    List<Param> encoder = params.subList(0, params.size() - 2);
    GradientCheck.assertGradients(encoder, () -> model.lossAndGradients(x, input, old, noise, true), 4, 0.05);
    GradientCheck.assertGradients(params.subList(params.size() - 2, params.size()), () -> model.lossAndGradients(x, null, old, noise, false), 10, 0.05);
  }

  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular("recvae", Map.of("hidden", 100, "latent", 32, "epochs", 6, "batch_size", 100, "learning_rate", 0.003, "encoder_passes", 1), Fixtures.small(), 1.1);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic("recvae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    FamilyChecks.assertSaveLoadRoundTrip("recvae", SMALL_NET, Fixtures.tiny());
  }

  @Test
  void rejectsBadParams() {
    FamilyChecks.assertInvalid("recvae", Map.of("encoder_passes", 0), "encoder_passes");
    FamilyChecks.assertInvalid("recvae", Map.of("gamma", -1), "gamma");
  }
}
