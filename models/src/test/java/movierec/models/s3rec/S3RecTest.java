package movierec.models.s3rec;

import java.util.HashMap;
import java.util.Map;
import movierec.core.testing.Fixtures;
import movierec.models.FamilyChecks;
import movierec.models.seq.SequenceFamilyContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The contract's save/load round trip also shows that a loaded model scores without the genre heads. */
@Tag("slow")
class S3RecTest extends SequenceFamilyContract {
  @Override
  protected String family() {
    return "s3rec";
  }

  /** One block; one pre-training epoch exercises the genre heads. */
  @Override
  protected Map<String, Object> fast() {
    Map<String, Object> params = new HashMap<>(FAST_ATTENTION);
    params.put("pretrain_epochs", 1);
    return params;
  }

  /**
   * Pre-training at the paper's step keeps users apart for fine-tuning (measured in DJL's PyTorch engine:
   * Recall@10 0.1365 vs MostPopular 0.1094, 1.25×, after 1 + 3 epochs; 0.1228 after 1 + 2 before the fused logits); under SameDiff
   * the fine-tuning step of 0.01 in pre-training left every user alike and fine-tuning at popularity.
   */
  @Test
  void beatsMostPopular() {
    FamilyChecks.assertBeatsMostPopular(family(), Map.of("hidden", 32, "max_len", 30, "blocks", 1, "pretrain_epochs", 1, "pretrain_learning_rate", 0.001,
        "learning_rate", 0.01, "batch_size", 32, "epochs", 3), Fixtures.small(), 1.15);
  }

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(family(), Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(family(), Map.of("aap_weight", -1), "aap_weight");
    FamilyChecks.assertInvalid(family(), Map.of("map_weight", Double.NaN), "map_weight");
    FamilyChecks.assertInvalid(family(), Map.of("pretrain_epochs", -1), "pretrain_epochs");
    FamilyChecks.assertInvalid(family(), Map.of("pretrain_learning_rate", 0), "pretrain_learning_rate");
    FamilyChecks.assertInvalid(family(), Map.of("loss", "hinge"), "loss");
    FamilyChecks.assertInvalid(family(), Map.of("pooling", "max"), "pooling");
  }
}
