package movierec.models.seq;

import java.io.IOException;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import org.junit.jupiter.api.Test;

/** What every sequential family's test checks: determinism, model files and the shared params. */
public abstract class SequenceFamilyContract {
  /** Small enough for seconds per fit on the tiny data. */
  protected static final Map<String, Object> FAST = Map.of("hidden", 32, "max_len", 20, "batch_size", 64, "epochs", 2);
  /** {@link #FAST} with one self-attention block. */
  protected static final Map<String, Object> FAST_ATTENTION = Map.of("hidden", 32, "max_len", 20, "batch_size", 64, "epochs", 2, "blocks", 1);

  /** The registry name. */
  protected abstract String family();

  /** Params for the tiny-data fits; {@link #FAST} plus the family's own. */
  protected Map<String, Object> fast() {
    return FAST;
  }

  @Test
  void sameSeedSameScores() {
    FamilyChecks.assertDeterministic(family(), fast(), Fixtures.tiny());
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    FamilyChecks.assertSaveLoadRoundTrip(family(), fast(), Fixtures.tiny());
  }

  @Test
  void rejectsInvalidSharedParams() {
    FamilyChecks.assertInvalid(family(), Map.of("hidden", 0), "hidden");
    FamilyChecks.assertInvalid(family(), Map.of("max_len", 1), "max_len");
    FamilyChecks.assertInvalid(family(), Map.of("dropout", 1.0), "dropout");
    FamilyChecks.assertInvalid(family(), Map.of("learning_rate", 0), "learning_rate");
    FamilyChecks.assertInvalid(family(), Map.of("l2", -1), "l2");
    FamilyChecks.assertInvalid(family(), Map.of("batch_size", 0), "batch_size");
    FamilyChecks.assertInvalid(family(), Map.of("epochs", 0), "epochs");
  }
}
