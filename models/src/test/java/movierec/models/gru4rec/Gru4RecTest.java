package movierec.models.gru4rec;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class Gru4RecTest {
  private static final String FAMILY = "gru4rec";
  /** Small enough for seconds per fit on the tiny data. */
  private static final Map<String, Object> FAST = Map.of("hidden", 32, "max_len", 20, "batch_size", 64, "epochs", 2);

  /** Measured Recall@10 0.1225 vs MostPopular 0.1094 (1.12×) after 4 epochs; still rising there. */
  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(FAMILY, Map.of("hidden", 32, "max_len", 30, "learning_rate", 0.01, "batch_size", 32, "epochs", 4), Fixtures.small(), 1.08);
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, FAST, Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, FAST, Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("hidden", -1), "hidden");
    FamilyChecks.assertInvalid(FAMILY, Map.of("max_len", 0), "max_len");
    FamilyChecks.assertInvalid(FAMILY, Map.of("layers", 0), "layers");
    FamilyChecks.assertInvalid(FAMILY, Map.of("dropout", -0.1), "dropout");
    FamilyChecks.assertInvalid(FAMILY, Map.of("loss", "top1"), "loss");
    FamilyChecks.assertInvalid(FAMILY, Map.of("pooling", "max"), "pooling");
  }
}
