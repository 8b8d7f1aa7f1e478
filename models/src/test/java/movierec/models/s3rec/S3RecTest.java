package movierec.models.s3rec;

import java.util.HashMap;
import java.util.Map;
import movierec.models.FamilyChecks;
import movierec.models.seq.SequenceFamilyContract;
import org.junit.jupiter.api.Test;

/** The contract's save/load round trip also shows that a loaded model scores without the genre heads. */
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

  @Test
  void rejectsInvalidParams() {
    FamilyChecks.assertInvalid(family(), Map.of("heads", 3), "heads");
    FamilyChecks.assertInvalid(family(), Map.of("mask_probability", 0), "mask_probability");
    FamilyChecks.assertInvalid(family(), Map.of("aap_weight", -1), "aap_weight");
    FamilyChecks.assertInvalid(family(), Map.of("map_weight", Double.NaN), "map_weight");
    FamilyChecks.assertInvalid(family(), Map.of("pretrain_epochs", -1), "pretrain_epochs");
    FamilyChecks.assertInvalid(family(), Map.of("loss", "hinge"), "loss");
    FamilyChecks.assertInvalid(family(), Map.of("pooling", "max"), "pooling");
  }
}
