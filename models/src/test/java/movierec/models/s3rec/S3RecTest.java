package movierec.models.s3rec;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

class S3RecTest {
  private static final String FAMILY = "s3rec";
  /** Small enough for seconds per fit on the tiny data; one pre-training epoch exercises the genre heads. */
  private static final Map<String, Object> FAST = Map.of("hidden", 32, "max_len", 20, "blocks", 1, "batch_size", 64, "epochs", 2, "pretrain_epochs", 1);

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(FAMILY, FAST, Fixtures.tiny());
  }

  /** The genre heads are not saved: a loaded model scores without side information. */
  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(FAMILY, FAST, Fixtures.tiny());
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(FAMILY, Map.of("hidden", 0), "hidden");
    FamilyChecks.assertInvalid(FAMILY, Map.of("max_len", 1), "max_len");
    FamilyChecks.assertInvalid(FAMILY, Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(FAMILY, Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(FAMILY, Map.of("aap_weight", -1), "aap_weight");
    FamilyChecks.assertInvalid(FAMILY, Map.of("map_weight", Double.NaN), "map_weight");
    FamilyChecks.assertInvalid(FAMILY, Map.of("pretrain_epochs", -1), "pretrain_epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("epochs", 0), "epochs");
    FamilyChecks.assertInvalid(FAMILY, Map.of("loss", "hinge"), "loss");
  }
}
