package movierec.models.gru4rec;

import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.seq.SequenceFamilyContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class Gru4RecTest extends SequenceFamilyContract {
  @Override
  protected String family() {
    return "gru4rec";
  }

  /** Measured Recall@10 0.1292 vs MostPopular 0.1094 (1.18×) after 3 epochs over whole histories (libtorch's GRU). */
  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(family(), Map.of("hidden", 32, "max_len", 30, "learning_rate", 0.01, "batch_size", 32, "epochs", 3), Fixtures.small(), 1.08);
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(family(), Map.of("layers", 0), "layers");
    FamilyChecks.assertInvalid(family(), Map.of("loss", "top1"), "loss");
    FamilyChecks.assertInvalid(family(), Map.of("pooling", "max"), "pooling");
  }
}
