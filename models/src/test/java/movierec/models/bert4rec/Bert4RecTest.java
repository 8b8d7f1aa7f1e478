package movierec.models.bert4rec;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class Bert4RecTest {
  private static final String FAMILY = "bert4rec";
  /** Small enough for seconds per fit on the tiny data. */
  private static final Map<String, Object> FAST = Map.of("hidden", 32, "max_len", 20, "blocks", 1, "batch_size", 64, "epochs", 2);

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
    FamilyChecks.assertInvalid(FAMILY, Map.of("hidden", 0), "hidden");
    FamilyChecks.assertInvalid(FAMILY, Map.of("max_len", 1), "max_len");
    FamilyChecks.assertInvalid(FAMILY, Map.of("blocks", 0), "blocks");
    FamilyChecks.assertInvalid(FAMILY, Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(FAMILY, Map.of("dropout", 1.0), "dropout");
    FamilyChecks.assertInvalid(FAMILY, Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(FAMILY, Map.of("mask_probability", 1.0), "mask_probability");
    FamilyChecks.assertInvalid(FAMILY, Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(FAMILY, Map.of("batch_size", 0), "batch_size");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
  }
}
